// A Vue 3 page with the widget in a template (vue-template.html). The template is compiled
// ahead of time with `isCustomElement` for popin-booking, as Vite's Vue plugin does with
// `template.compilerOptions` (serve.ts); Vue then sets `api` as a property (the element has
// it: the app mounts once the widget script has defined it, as the README says) and listens to
// `popin-booking:registered`.
import { createApp, defineComponent, ref } from 'vue';
// @ts-expect-error: compiled by serve.ts (vue/compiler-sfc), no type declarations.
import { render } from 'virtual:vue-template';
import type { BookingDetail } from '../../../widget/src/events.js';

const App = defineComponent({
  setup() {
    const api = document.querySelector<HTMLMetaElement>('meta[name="popin-api"]')!.content;
    const booked = ref('');
    const onBooked = (event: CustomEvent<BookingDetail>) => (booked.value = event.detail.event.name);
    return { api, booked, onBooked };
  },
  render,
});

// widget.js defines the element a few tasks after the page's parse (its loader, widget.ts).
await customElements.whenDefined('popin-booking');
createApp(App).mount('#app');
