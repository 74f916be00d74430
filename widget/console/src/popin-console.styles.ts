/** The console's frame: the page, the top bar, the navigation (a column on wide screens, a row of tabs on a phone). */
import { css } from 'lit';

export default css`
  :host {
    min-height: 100dvh;
    background: var(--_surface-2);
    container: console / inline-size;
  }

  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.75rem 1.25rem;
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
  }

  .brand {
    font-size: 1rem;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 700;
  }

  .logo {
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 0.375rem;
    background: var(--_accent);
  }

  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }

  .site {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .layout {
    display: grid;
    grid-template-columns: 13rem minmax(0, 1fr);
    gap: 1.5rem;
    max-width: 72rem;
    margin: 0 auto;
    padding: 1.5rem 1.25rem 3rem;
  }

  main {
    min-width: 0;
  }

  main.solo {
    max-width: 48rem;
    margin: 0 auto;
    padding: 1.5rem 1.25rem 3rem;
  }

  nav ul {
    display: grid;
    gap: 0.25rem;
    position: sticky;
    top: 1rem;
  }

  nav a {
    display: block;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_r);
    color: var(--_text);
    font-weight: 500;
    text-decoration: none;
  }

  nav a:hover {
    background: var(--_surface);
  }

  nav a[aria-current='page'] {
    background: var(--_accent-soft);
    color: var(--_accent-text);
    font-weight: 650;
  }

  .sign-in-page {
    display: grid;
    place-items: center;
    min-height: 100dvh;
    padding: 1.5rem 1rem;
  }

  .sign-in {
    display: grid;
    gap: 1rem;
    width: min(100%, 24rem);
    padding: 1.5rem;
  }

  .sign-in h1 {
    font-size: 1.375rem;
    line-height: 1.25;
  }

  @container console (max-width: 48rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      gap: 1rem;
      padding: 0.75rem 0.75rem 2rem;
    }

    .top {
      padding: 0.625rem 0.75rem;
    }

    /* All six stay in sight on a phone: they wrap instead of scrolling away. */
    nav ul {
      position: static;
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
    }

    nav a {
      padding: 0.375rem 0.75rem;
      white-space: nowrap;
      border: 1px solid var(--_border);
      background: var(--_surface);
      font-size: 0.9375rem;
    }
  }
`;
