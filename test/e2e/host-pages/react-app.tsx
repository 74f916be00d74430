// A React 19 page with the widget as a custom element in JSX, as the README's React snippet
// shows it. React 19 sets a custom element's props as properties when the element has them
// (`api`, `opened` here: the app renders once the widget script has defined the element, as the
// README says) and adds `on…` function props as event listeners under the name after "on".
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { BookingDetail } from '../../../widget/src/events.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'popin-booking': React.HTMLAttributes<HTMLElement> & {
        site: string;
        api?: string;
        mode?: 'inline' | 'popup' | 'floating';
        /** The popup is showing (a property; its attribute is `open`). */
        opened?: boolean;
        'onpopin-booking:registered'?: (event: CustomEvent<BookingDetail>) => void;
        'onpopin-booking:close'?: (event: CustomEvent) => void;
      };
    }
  }
}

const api = document.querySelector<HTMLMetaElement>('meta[name="popin-api"]')!.content;

function App() {
  const [booked, setBooked] = useState<string>();
  const [open, setOpen] = useState(false);
  return (
    <>
      <h1>MacBook Pro 14″</h1>
      <popin-booking site="demo" api={api} onpopin-booking:registered={(event) => setBooked(event.detail.event.name)}>
        <a href={`${api}/s/demo`}>Book a live demo</a>
      </popin-booking>
      <p id="log" role="status">{booked && `Booked in React: ${booked}`}</p>
      {/* A popup driven by React state: the property opens it, its close event closes the state. */}
      <button type="button" aria-expanded={open} onClick={() => setOpen(true)}>
        Book in a popup
      </button>
      <popin-booking site="demo" api={api} mode="popup" opened={open} onpopin-booking:close={() => setOpen(false)} />
    </>
  );
}

// widget.js defines the element a few tasks after the page's parse (its loader, widget.ts).
await customElements.whenDefined('popin-booking');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
