#!/usr/bin/env node
// Writes docs/events.md from the event catalogue (libs/application/src/run/event-catalogue.ts).
// `npm run build && node scripts/events-doc.js`; event-catalogue.spec.ts fails while the file is stale.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { eventsMarkdown } = require(path.join(root, 'dist/libs/application/src/run/events-doc.js'));
fs.writeFileSync(path.join(root, 'docs/events.md'), eventsMarkdown());
console.log('docs/events.md written');
