import { PhoneStatus } from '@trustsim/domain';

/**
 * One colour per status, picked to stay apart for the common colour-vision deficiencies (after the
 * Okabe–Ito palette). The statuses also differ in lightness (amber and grey are light, the others
 * dark) and every chart segment carries its number and a tooltip, so no reading depends on hue
 * alone. `ink` is the text colour that keeps at least 4.5:1 contrast on the fill.
 */
export const STATUS_STYLE: Record<PhoneStatus, { fill: string; ink: string; meaning: string }> = {
  trusted: { fill: '#0a7d55', ink: '#ffffff', meaning: 'holds the trust list its TFTP serves now and is registered' },
  degraded: { fill: '#f2b01e', ink: '#1b1b1b', meaning: 'registered with a stale configuration; admin changes do not reach it' },
  locked: { fill: '#b8360a', ink: '#ffffff', meaning: 'cannot accept the current trust list: delete it on the phone' },
  unregistered: { fill: '#6a3d9a', ink: '#ffffff', meaning: 'cannot register (securely, where its profile asks)' },
  off: { fill: '#a5abb2', ink: '#1b1b1b', meaning: 'powered off' },
};

/*
 * Sized for a projector at the back of a room: 18px base, strong contrast, tabular numbers. Prints on
 * one column. Zero counts are faded so the non-zero cells stand out at a glance.
 */
export const CSS = `
:root { --ink:#1b1b1b; --muted:#555c63; --line:#d5d9de; --panel:#f4f6f8; --pass:#0a7d55; --fail:#b3261e; --warn:#8a5300; }
* { box-sizing: border-box; }
html { font: 18px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 1180px; padding: 28px 36px 56px; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .4rem 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 3px solid var(--line); }
h3 { font-size: 1.08rem; margin: 1.3rem 0 .4rem; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
header .meta { color: var(--muted); margin: 0; }
header .meta b { color: var(--ink); font-weight: 600; }
header .assumptions { margin: .3rem 0 0; }
.verdict { display: flex; align-items: center; gap: .9rem; flex-wrap: wrap; }
.badge { display: inline-block; padding: .3rem .9rem; border-radius: .35rem; font-weight: 800; font-size: 1.05rem; letter-spacing: .06em; color: #fff; }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
.badge.incomplete { background: var(--warn); }
.verdict-text { font-weight: 600; }
.tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: .7rem; margin: 1.2rem 0 .4rem; }
.tile { border-radius: .45rem; padding: .55rem .8rem; border: 1px solid var(--line); background: var(--panel); }
.tile .n { font-size: 2.1rem; font-weight: 800; line-height: 1.1; font-variant-numeric: tabular-nums; }
.tile .l { font-weight: 600; }
.tile.zero { opacity: .45; }
.tile.hit { border-width: 0; }
.chip { display: inline-block; width: .95em; height: .95em; border-radius: .2em; vertical-align: -.12em; margin-right: .4em; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .6rem; }
th, td { padding: .38rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-size: .85rem; font-weight: 700; color: var(--muted); border-bottom: 2px solid var(--line); vertical-align: bottom; }
.scroll { overflow-x: auto; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, .nowrap { white-space: nowrap; }
th .chip { display: block; margin: 0 0 .2rem auto; }
td.zero { color: #b6bbc1; }
td.hit { font-weight: 800; }
.count { display: inline-block; min-width: 2.6em; text-align: center; padding: 0 .4rem; border-radius: .3rem; font-weight: 800; }
tr.failed td { background: #fdecea; }
.pill { display: inline-block; min-width: 3.4em; text-align: center; padding: .05rem .45rem; border-radius: .3rem; font-weight: 800; font-size: .85rem; color: #fff; }
.pill.pass { background: var(--pass); }
.pill.fail { background: var(--fail); }
.status { display: inline-block; padding: 0 .45rem; border-radius: .3rem; font-weight: 700; font-size: .9rem; }
.legend { display: grid; grid-template-columns: repeat(5, 1fr); gap: .3rem 1rem; margin: .2rem 0 .8rem; }
.legend b { font-weight: 700; }
.legend .muted { display: block; font-size: .8rem; line-height: 1.3; margin-top: .1rem; }
.chart { width: 100%; overflow-x: auto; border: 1px solid var(--line); border-radius: .45rem; padding: .4rem .4rem 0; }
.chart svg { display: block; width: 100%; height: auto; font-family: inherit; }
.explain p { margin: .25rem 0; }
.explain { border-left: 5px solid var(--line); padding: .3rem .9rem; margin: .5rem 0 .9rem; background: var(--panel); border-radius: 0 .35rem .35rem 0; }
.why { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; margin: .4rem 0 .2rem; padding: .5rem .7rem; background: #fff; border: 1px solid var(--line); border-radius: .3rem; font-size: .85rem; line-height: 1.5; white-space: pre-wrap; overflow-wrap: anywhere; }
.phones { font-size: .9rem; word-spacing: .3em; }
.assumption-changed { font-weight: 700; color: var(--warn); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media print { body { max-width: none; padding: 0; } .chart { overflow: visible; } }
`;
