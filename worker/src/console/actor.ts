/** Who is using the console (a leaf module, so env.ts can name it). */
export interface ConsoleActor {
  /** seller: the site's console key; operator: ADMIN_SECRET (opens every site). */
  role: 'seller' | 'operator';
  /** How they proved it. */
  via: 'session' | 'key';
  /** The site their session is bound to, or the site their key belongs to. */
  site?: string;
}
