/**
 * Imported first by cli.tsx, before Ink loads. Ink decides at import time that it runs "in CI"
 * when CI is set, and then paints nothing until exit. A full-screen app on a real terminal must
 * always paint, so on a TTY those variables are dropped for this process.
 */
if (process.stdout.isTTY) {
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
}

export {};
