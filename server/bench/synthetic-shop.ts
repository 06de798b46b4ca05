/**
 * A synthetic shop for benchmarks, generated inside the engine (`INSERT ... SELECT FROM
 * numbers()`), which writes millions of rows a second where JavaScript would manage a tenth.
 */

const DAY = 86_400;

/** The shop funnel: page views of these page keys, in this order. */
export const FUNNEL_PAGES = ['/', '/list', '/product/:id', '/cart', '/checkout'];

/**
 * Rows `[first, first + count)` of the synthetic shop: each visitor has 20 events in time
 * order; the first five are page views of the funnel's pages up to the visitor's level
 * (40 % stop after the home page, then 25, 15, 10 and 10 %), the rest page views (35 %, a
 * third of them on the funnel's pages), clicks on 300 elements across 50 page keys (45 %)
 * and scrolls (20 %); four channels and three device classes.
 */
export const generate = (table: string, first: number, count: number) => `INSERT INTO ${table}
  (site, id, type, ts, received_at, anon_id, session_id, platform, url, page_key, channel, device,
   vw, vh, dw, dh, x, y, selector, selector_hash, ex, ey, ew, eh, max_depth, attention, funnel, step)
  SELECT 'bench', generateUUIDv4(number), type, ts, ts, anon_id, concat(anon_id, '-s'), 'web',
    concat('https://shop.example', page), page, channel, device, vw, 800, vw, 3000,
    x, y, selector, lower(hex(xxHash32(selector))), 0.5, 0.5, 120, 40, max_depth, attention, funnel, step
  FROM (
    SELECT number, intDiv(number, 20) AS visitor, number % 20 AS idx, cityHash64(number) AS h,
      toString(visitor) AS anon_id,
      cityHash64(visitor) AS vh,
      multiIf(vh % 100 < 40, 1, vh % 100 < 65, 2, vh % 100 < 80, 3, vh % 100 < 90, 4, 5) AS level,
      ['', 'wechat', 'baidu', 'douyin'][vh % 4 + 1] AS channel,
      ['desktop', 'mobile', 'mobile', 'tablet'][intDiv(vh, 7) % 4 + 1] AS device,
      [1280, 390, 390, 820][intDiv(vh, 7) % 4 + 1] AS vw,
      toDateTime64(now() - ${30 * DAY} + vh % ${29 * DAY} + idx * 45 + h % 30, 3, 'UTC') AS ts,
      h % 100 AS kind,
      h % 300 AS element,
      ${`[${FUNNEL_PAGES.map((p) => `'${p}'`).join(', ')}]`} AS funnel_pages,
      multiIf(idx < level AND idx < 5, 'funnel', kind < 35, 'pageview', kind < 80, 'click', 'scroll') AS role,
      if(role = 'funnel', 'pageview', role) AS type,
      multiIf(role = 'funnel', funnel_pages[idx + 1], role = 'pageview' AND kind < 12, funnel_pages[kind % 5 + 1],
        concat('/p/', toString(element % 50))) AS page,
      if(type = 'click', toInt32((element * 37) % vw + h % 90), 0) AS x,
      if(type = 'click', toInt32((element * 53) % 3000 + intDiv(h, 90) % 60), 0) AS y,
      if(type = 'click', concat('div.block > button.el-', toString(element)), '') AS selector,
      if(type = 'scroll', toUInt32(800 + h % 2200), 0) AS max_depth,
      if(type = 'scroll', arrayMap(i -> toFloat32((h + i) % 7), range(20)), []) AS attention,
      '' AS funnel,
      '' AS step
    FROM numbers(${first}, ${count})
  )`;
