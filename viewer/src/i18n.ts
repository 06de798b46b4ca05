/**
 * The viewer's words in zh-CN and en. Every label goes through `t`, so a missing
 * translation is a type error, and the language follows the browser unless chosen.
 */

const en = {
  title: 'Heatfunnel',
  heatmap: 'Click heatmap',
  site: 'Site',
  device: 'Device',
  'device.desktop': 'Desktop',
  'device.tablet': 'Tablet',
  'device.mobile': 'Mobile',
  range: 'Range',
  'range.days': 'Last {n} days',
  'range.custom': 'Custom',
  from: 'From',
  to: 'To',
  language: 'Language',
  pages: 'Pages',
  searchPages: 'Filter pages',
  pageStats: 'Views {views} · Clicks {clicks}',
  'loading.sites': 'Loading sites…',
  'loading.pages': 'Loading pages…',
  'loading.heatmap': 'Loading the click heatmap…',
  'empty.sites': 'No sites yet. Create one on the server, or start it with --demo.',
  'empty.pages':
    'No page had visits between {from} and {to}. Widen the date range or check that the snippet is on the shop pages.',
  'empty.filter': 'No page matches “{q}”.',
  'empty.page': 'Choose a page on the left to see where visitors click.',
  'empty.heatmap':
    'No clicks on this page for {device} between {from} and {to}. Try another device or a wider date range.',
  'error.network': 'Cannot reach the Heatfunnel server. Check that it is running, then reload the page.',
  'error.badRequest': 'The server refused the request: {message}',
  'error.server':
    'The server failed to answer ({status}). Try again in a moment; if it persists, check the server log.',
  'error.format':
    'The server answered in an unexpected format. The viewer and server versions may not match.',
  'error.range': 'The start date is after the end date. Pick a start date on or before the end date.',
  'error.frame':
    'The page could not be shown behind the heat (it may forbid framing); the heat is drawn on a blank backdrop.',
  type: 'Heatmap',
  'type.click': 'Clicks',
  'type.rage': 'Rage clicks',
  'type.dead': 'Dead clicks',
  'type.scroll': 'Scroll reach',
  'type.attention': 'Attention',
  segment: 'Segment',
  platform: 'Platform',
  'platform.all': 'All platforms',
  'platform.web': 'Web (H5)',
  'platform.weapp': 'WeChat mini-program',
  'platform.alipay': 'Alipay mini-program',
  'platform.douyin': 'Douyin mini-program',
  'platform.baidu': 'Baidu mini-program',
  visitor: 'Visitors',
  'visitor.all': 'All visitors',
  'visitor.new': 'New visitors',
  'visitor.returning': 'Returning visitors',
  channel: 'Channel',
  'channel.any': 'any channel',
  'summary.click': '{device} · Clicks {total}',
  'summary.rage': '{device} · Rage clicks {total}',
  'summary.dead': '{device} · Dead clicks {total}',
  'summary.scroll': '{device} · {views} page views with scroll data · average fold {fold} px',
  'summary.attention': '{device} · {views} page views · up to {max} s per view on one band',
  'summary.geometry': 'drawn at {width} px wide · page {height} px tall',
  'legend.click.low': 'fewer clicks',
  'legend.click.high': 'more clicks',
  'legend.scroll.low': 'few got here',
  'legend.scroll.high': 'everyone',
  'legend.attention.low': 'less time',
  'legend.attention.high': 'more time',
  'label.reach': '{share}% reached',
  'label.fold': 'Average fold · {px} px',
  'label.seconds': '{s} s',
  'empty.layer':
    'No {layer} on this page for {device} between {from} and {to}. Try another device or a wider date range.',
  'empty.scroll': 'No scroll data for this page on {device} between {from} and {to}.',
  elements: 'Elements',
  'elements.caption': 'Most clicked elements. Hover or focus one to see it on the page.',
  'elements.element': 'Element',
  'elements.clicks': 'Clicks',
  'elements.clickers': 'Visitors',
  'elements.rate': 'Per view',
  'elements.rage': 'Rage',
  'elements.dead': 'Dead',
  'elements.notFound': 'not on this page now',
  'loading.elements': 'Loading elements…',
  'empty.elements': 'No element was clicked in this view.',
  exportPng: 'Download PNG',
  exportCsv: 'Download CSV',
  'export.busy': 'Preparing the image…',
  'error.export': 'The image could not be made ({message}). The CSV download still works.',
} as const;

/** A message key. */
export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  title: 'Heatfunnel',
  heatmap: '点击热力图',
  site: '站点',
  device: '设备',
  'device.desktop': '桌面端',
  'device.tablet': '平板',
  'device.mobile': '移动端',
  range: '时间范围',
  'range.days': '最近 {n} 天',
  'range.custom': '自定义',
  from: '开始日期',
  to: '结束日期',
  language: '语言',
  pages: '页面',
  searchPages: '筛选页面',
  pageStats: '浏览 {views} · 点击 {clicks}',
  'loading.sites': '正在加载站点…',
  'loading.pages': '正在加载页面…',
  'loading.heatmap': '正在加载点击热力图…',
  'empty.sites': '还没有站点。请在服务端创建站点，或以 --demo 启动服务。',
  'empty.pages': '{from} 至 {to} 期间没有页面访问。请扩大日期范围，或确认商城页面已嵌入采集代码。',
  'empty.filter': '没有与“{q}”匹配的页面。',
  'empty.page': '请在左侧选择一个页面，查看访客点击的位置。',
  'empty.heatmap': '{from} 至 {to} 期间，该页面在{device}上没有点击。请尝试其他设备或更大的日期范围。',
  'error.network': '无法连接 Heatfunnel 服务。请确认服务正在运行，然后刷新页面。',
  'error.badRequest': '服务拒绝了请求：{message}',
  'error.server': '服务未能响应（{status}）。请稍后重试；如果一直出现，请查看服务日志。',
  'error.format': '服务返回的数据格式不符合预期，查看器与服务的版本可能不一致。',
  'error.range': '开始日期晚于结束日期。请选择不晚于结束日期的开始日期。',
  'error.frame': '无法在热力图下方显示该页面（页面可能禁止被嵌入），热力已绘制在空白背景上。',
  type: '热力图',
  'type.click': '点击',
  'type.rage': '愤怒点击',
  'type.dead': '无效点击',
  'type.scroll': '滚动到达率',
  'type.attention': '注意力',
  segment: '细分',
  platform: '平台',
  'platform.all': '全部平台',
  'platform.web': '网页（H5）',
  'platform.weapp': '微信小程序',
  'platform.alipay': '支付宝小程序',
  'platform.douyin': '抖音小程序',
  'platform.baidu': '百度小程序',
  visitor: '访客',
  'visitor.all': '全部访客',
  'visitor.new': '新访客',
  'visitor.returning': '回访访客',
  channel: '渠道',
  'channel.any': '任意渠道',
  'summary.click': '{device} · 共 {total} 次点击',
  'summary.rage': '{device} · 共 {total} 次愤怒点击',
  'summary.dead': '{device} · 共 {total} 次无效点击',
  'summary.scroll': '{device} · {views} 次浏览有滚动数据 · 平均首屏 {fold} 像素',
  'summary.attention': '{device} · {views} 次浏览 · 单个区域最多 {max} 秒/次浏览',
  'summary.geometry': '按 {width} 像素宽度绘制 · 页面高 {height} 像素',
  'legend.click.low': '点击少',
  'legend.click.high': '点击多',
  'legend.scroll.low': '到达少',
  'legend.scroll.high': '全部到达',
  'legend.attention.low': '停留短',
  'legend.attention.high': '停留长',
  'label.reach': '{share}% 到达',
  'label.fold': '平均首屏线 · {px} 像素',
  'label.seconds': '{s} 秒',
  'empty.layer': '{from} 至 {to} 期间，该页面在{device}上没有{layer}。请尝试其他设备或更大的日期范围。',
  'empty.scroll': '{from} 至 {to} 期间，该页面在{device}上没有滚动数据。',
  elements: '元素',
  'elements.caption': '点击最多的元素。悬停或聚焦某一行可在页面上看到它。',
  'elements.element': '元素',
  'elements.clicks': '点击',
  'elements.clickers': '访客',
  'elements.rate': '每次浏览',
  'elements.rage': '愤怒',
  'elements.dead': '无效',
  'elements.notFound': '当前页面上找不到',
  'loading.elements': '正在加载元素…',
  'empty.elements': '此视图中没有元素被点击。',
  exportPng: '下载 PNG 图片',
  exportCsv: '下载 CSV 数据',
  'export.busy': '正在生成图片…',
  'error.export': '无法生成图片（{message}），仍可下载 CSV 数据。',
};

/** A bound `translate` for one language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Languages the viewer speaks. */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in itself, for the language picker. */
export const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '简体中文', en: 'English' };

const tables: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** True when `s` is a language the viewer speaks. */
export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** The viewer language for a browser's language list: zh-CN for any Chinese, else en. */
export function pickLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = tables[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : v;
  });
}

/** The message keys of every table, for tests that check no table misses one. */
export function messageKeys(lang: Lang): string[] {
  return Object.keys(tables[lang]).sort();
}
