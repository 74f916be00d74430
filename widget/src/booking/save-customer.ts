/** Keeps a new customer for the next visit (booking chunk: only a booking makes one); read back by storage.ts. */
import { memory, type StoredCustomer } from '../storage.js';

export function saveCustomer(key: string, customer: StoredCustomer): void {
  const raw = JSON.stringify(customer);
  memory.set(key, raw);
  try {
    localStorage.setItem(key, raw);
  } catch {
    /* memory only (quota, private mode) */
  }
}
