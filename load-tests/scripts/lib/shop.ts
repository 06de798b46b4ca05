/**
 * The simulated shop: pages, their clickable elements and how visitors move between
 * them. Shaped like the demo shop the server ships, so generated heatmaps look real.
 */

export interface ShopElement {
  sel: string;
  /** Element box (left, top, width, height) in CSS px at desktop width. */
  box: [number, number, number, number];
  href?: string;
  /** Fixed or sticky (a header, a bottom bar). */
  fixed?: boolean;
  /** Funnel step this click is, if any. */
  step?: string;
}

export interface ShopPage {
  /** Page key: the URL template (web) or the mini-program page path. */
  web: string;
  mini: string;
  docHeight: number;
  elements: ShopElement[];
  /** Funnel step a view of this page is, if any. */
  step?: string;
  /** Pages a visitor goes to next, with weights. */
  next: [PageName, number][];
}

export type PageName = 'home' | 'list' | 'product' | 'cart' | 'checkout';

/** Name of the funnel the generated step events belong to. */
export const FUNNEL = 'checkout';

export const PAGES: Record<PageName, ShopPage> = {
  home: {
    web: '/',
    mini: 'pages/index/index',
    docHeight: 2400,
    elements: [
      { sel: 'header.site-header a.logo', box: [24, 12, 120, 40], href: '/', fixed: true },
      { sel: 'header.site-header a.cart-link', box: [1180, 12, 60, 40], href: '/cart', fixed: true },
      { sel: 'section.hero a.cta', box: [540, 420, 200, 56], href: '/list' },
      { sel: 'ul.categories > li > a', box: [80, 760, 260, 180], href: '/list?cat=shoes' },
      { sel: 'input#search', box: [400, 16, 480, 36] },
    ],
    next: [
      ['list', 6],
      ['product', 3],
      ['cart', 1],
    ],
  },
  list: {
    web: '/list',
    mini: 'pages/list/list',
    docHeight: 3200,
    elements: [
      { sel: 'div.product-card > a.title', box: [80, 300, 260, 360], href: '/product/' },
      { sel: 'div.product-card > img.cover', box: [80, 300, 260, 260] },
      { sel: 'div.filter-bar button.sort', box: [80, 200, 120, 40] },
      { sel: 'nav.pagination a.next', box: [600, 3000, 80, 40], href: '/list?page=2' },
    ],
    next: [
      ['product', 7],
      ['home', 1],
      ['list', 2],
    ],
  },
  product: {
    web: '/product/:id',
    mini: 'pages/product/product',
    docHeight: 2800,
    step: 'view_product',
    elements: [
      { sel: 'button#add-to-cart', box: [760, 520, 320, 56], step: 'add_to_cart' },
      { sel: 'div.gallery img.thumb', box: [80, 180, 560, 560] },
      { sel: 'div.size-picker button', box: [760, 400, 48, 40] },
      { sel: 'section.reviews a.more', box: [80, 1900, 140, 32], href: '#reviews' },
      { sel: 'header.site-header a.cart-link', box: [1180, 12, 60, 40], href: '/cart', fixed: true },
    ],
    next: [
      ['cart', 4],
      ['list', 4],
      ['product', 2],
    ],
  },
  cart: {
    web: '/cart',
    mini: 'pages/cart/cart',
    docHeight: 1200,
    elements: [
      { sel: 'button#checkout', box: [880, 640, 280, 56], href: '/checkout', step: 'begin_checkout' },
      { sel: 'li.cart-item button.remove', box: [1060, 260, 80, 32] },
      { sel: 'li.cart-item input.qty', box: [900, 260, 80, 32] },
    ],
    next: [
      ['checkout', 6],
      ['list', 3],
      ['home', 1],
    ],
  },
  checkout: {
    web: '/checkout',
    mini: 'pages/checkout/checkout',
    docHeight: 1600,
    elements: [
      { sel: 'button#pay-now', box: [880, 1300, 280, 56], step: 'pay' },
      { sel: 'form.address input.phone', box: [80, 400, 480, 40] },
      { sel: 'div.coupon button.apply', box: [880, 900, 120, 40] },
    ],
    next: [
      ['home', 5],
      ['cart', 5],
    ],
  },
};
