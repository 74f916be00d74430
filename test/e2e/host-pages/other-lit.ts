// A seller's own component built with Lit 2 (the `lit2` package: lit@2.8), on the same page as
// the widget (Lit 3, inside widget.js). Each bundle has its own Lit; they share only the
// custom elements registry and Lit's version list on window.
import { LitElement, css, html } from 'lit2';

class ShopRating extends LitElement {
  static override properties = { stars: { type: Number } };
  static override styles = css`
    :host {
      display: block;
      margin-block-end: 1rem;
    }
    .stars {
      color: #8a5a00;
    }
  `;
  stars = 0;

  override render() {
    return html`<p><slot></slot> <span class="stars" part="stars">${'★'.repeat(this.stars)}</span> (${this.stars} of 5)</p>`;
  }
}
customElements.define('shop-rating', ShopRating);
