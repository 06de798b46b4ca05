/** The demo shop's pages: one shared layout around each page's main content. */
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./shop/${name}`, import.meta.url), 'utf8');
const layout = read('layout.html');

/** Page name → title; the content is `shop/<name>.html`. */
export const SHOP_PAGES = {
  index: 'Home',
  list: 'Products',
  product: 'Product',
  cart: 'Cart',
  checkout: 'Checkout',
} as const;
export type ShopPage = keyof typeof SHOP_PAGES;

/** The shop's stylesheet. */
export const shopCss = read('shop.css');

const contents = Object.fromEntries(
  Object.keys(SHOP_PAGES).map((page) => [page, read(`${page}.html`)]),
) as Record<ShopPage, string>;

/** The full HTML of `page`, with `head` (e.g. the snippet) at the end of its <head>. */
export function shopPage(page: ShopPage, head = ''): string {
  return layout
    .replace('<!--HF_TITLE-->', SHOP_PAGES[page])
    .replace('<!--HF_SNIPPET-->', head)
    .replace('<!--HF_MAIN-->', contents[page]);
}
