/**
 * The demo shop (home, product list, product page, cart, checkout) under `/demo`, each
 * page carrying the snippet for the `demo` site so that browsing it fills the heatmaps.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { snippet } from './snippet.js';

export const DEMO_SITE = 'demo';

const page = (name: string) => readFileSync(new URL(`./shop/${name}.html`, import.meta.url), 'utf8');
const pages = {
  home: page('index'),
  list: page('list'),
  product: page('product'),
  cart: page('cart'),
  checkout: page('checkout'),
};
const css = readFileSync(new URL('./shop/shop.css', import.meta.url), 'utf8');

/** The demo shop's routes, mounted at the root (they all start with `/demo`). */
export const shopRoutes = () => {
  const app = new Hono();
  const render = (html: string, origin: string) =>
    html.replace('<!--HF_SNIPPET-->', snippet({ site: DEMO_SITE, endpoint: origin }));
  const origin = (url: string) => new URL(url).origin;

  app.get('/demo', (c) => c.redirect('/demo/'));
  app.get('/demo/shop.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/demo/', (c) => c.html(render(pages.home, origin(c.req.url))));
  app.get('/demo/list', (c) => c.html(render(pages.list, origin(c.req.url))));
  app.get('/demo/product/:id{[0-9]+}', (c) => c.html(render(pages.product, origin(c.req.url))));
  app.get('/demo/cart', (c) => c.html(render(pages.cart, origin(c.req.url))));
  app.get('/demo/checkout', (c) => c.html(render(pages.checkout, origin(c.req.url))));
  return app;
};
