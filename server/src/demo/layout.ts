/** Where the demo shop's elements are, as measured in Chromium (scripts/measure-demo-layout.ts). */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import measured from './layout.json' with { type: 'json' };

export interface LaidOutElement {
  /** Selector of the element, as the SDK makes it. */
  sel: string;
  /** The SDK's hash of `sel`. */
  sh: string;
  /** How inviting a click is: main call to action, other controls, or plain content. */
  kind: 'primary' | 'control' | 'content';
  /** Document box, CSS px. */
  x: number;
  y: number;
  w: number;
  h: number;
  href?: string;
}

export interface LaidOutPage {
  width: number;
  height: number;
  elements: LaidOutElement[];
}

export type DemoLayout = Record<DeviceClass, Record<string, LaidOutPage>>;

/** The demo pages: page key, shop page, and an example URL. */
export const DEMO_PAGES = [
  { pageKey: '/demo/', page: 'index', url: '/demo/' },
  { pageKey: '/demo/list', page: 'list', url: '/demo/list' },
  { pageKey: '/demo/product/:id', page: 'product', url: '/demo/product/1' },
  { pageKey: '/demo/cart', page: 'cart', url: '/demo/cart' },
  { pageKey: '/demo/checkout', page: 'checkout', url: '/demo/checkout' },
] as const;

export const demoLayout = measured as DemoLayout;
