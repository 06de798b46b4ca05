/**
 * The demo shop (home, product list, product page, cart, checkout) under `/demo`, each
 * page carrying the snippet for the `demo` site so that browsing it fills the heatmaps.
 */
import { type Context, Hono } from 'hono';
import { type ShopPage, shopCss, shopPage } from './shop-pages.js';
import { snippet } from './snippet.js';

export const DEMO_SITE = 'demo';

/** The demo shop's routes, mounted at the root (they all start with `/demo`). */
export const shopRoutes = () => {
  const app = new Hono();
  // The snippet points at whichever origin the shop was opened on.
  const page = (name: ShopPage) => (c: Context) =>
    c.html(shopPage(name, snippet({ site: DEMO_SITE, endpoint: new URL(c.req.url).origin })));

  app.get('/demo', (c) => c.redirect('/demo/'));
  app.get('/demo/shop.css', (c) => c.body(shopCss, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/demo/', page('index'));
  app.get('/demo/list', page('list'));
  app.get('/demo/product/:id{[0-9]+}', page('product'));
  app.get('/demo/cart', page('cart'));
  app.get('/demo/checkout', page('checkout'));
  return app;
};
