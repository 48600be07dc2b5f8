#!/usr/bin/env node
// One Chromium for npm test's e2e step, shared by the e2e files running side by side
// (test/e2e/helpers.ts connects to it through LAPOR_E2E_BROWSER). A process of its own,
// so that nothing the runner does (starting PostgreSQL waits synchronously) holds up the
// browser's connections. Prints its address as one line; closes the browser when its
// stdin ends or it is told to stop.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
let closing;
const close = () => (closing ??= server.close().then(() => process.exit(0)));
process.stdin.on('end', close).resume();
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, close);
console.log(server.wsEndpoint());
