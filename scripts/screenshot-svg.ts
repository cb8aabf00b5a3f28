// `tmux capture-pane -p -e -t SESSION | npx tsx scripts/screenshot-svg.ts COLUMNS ROWS > docs/NAME.svg`: a screen with
// its colours (the README's screenshots), drawn by the same VT emulator the tests read screens with (@xterm/headless).
// Dark background, the xterm palette; bold, dim, italic, underline and inverse as a terminal shows them.
import xterm from '@xterm/headless';
import type {IBufferCell} from '@xterm/headless';

const columns = Number(process.argv[2]);
const rows = Number(process.argv[3]);
if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 1 || rows < 1) {
	console.error('usage: tmux capture-pane -p -e -t SESSION | npx tsx scripts/screenshot-svg.ts COLUMNS ROWS > FILE.svg');
	process.exit(2);
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const capture = Buffer.concat(chunks).toString('utf8').replace(/\n$/, '');

const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, convertEol: true});
await new Promise<void>(resolve => {
	terminal.write(capture, resolve);
});

const background = '#1d1f21';
const foreground = '#d7dae0';
// xterm's 16 colours, a little softened for a dark page.
const base16 = [
	'#1d1f21', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#d7dae0',
	'#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#7cc3ff', '#dd95f0', '#7fd6e0', '#ffffff',
];

function palette256(index: number): string {
	if (index < 16) return base16[index]!;
	if (index < 232) {
		const value = index - 16;
		const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
		return rgb(level(Math.floor(value / 36)), level(Math.floor(value / 6) % 6), level(value % 6));
	}
	const grey = 8 + (index - 232) * 10;
	return rgb(grey, grey, grey);
}

function rgb(red: number, green: number, blue: number): string {
	return `#${[red, green, blue].map(part => part.toString(16).padStart(2, '0')).join('')}`;
}

function colourOf(cell: IBufferCell, which: 'fg' | 'bg'): string | undefined {
	const isDefault = which === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
	if (isDefault) return undefined;
	const value = which === 'fg' ? cell.getFgColor() : cell.getBgColor();
	const isRgb = which === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
	return isRgb ? rgb((value >> 16) & 255, (value >> 8) & 255, value & 255) : palette256(value);
}

function escapeXml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const cellWidth = 8.4;
const lineHeight = 17;
const fontSize = 14;
const pad = 12;
const parts: string[] = [];
const buffer = terminal.buffer.active;
for (let y = 0; y < rows; y++) {
	const line = buffer.getLine(y);
	if (!line) continue;
	let x = 0;
	while (x < columns) {
		const cell = line.getCell(x);
		if (!cell) break;
		const width = cell.getWidth();
		if (width === 0) {
			x++;
			continue;
		}
		let fg = colourOf(cell, 'fg') ?? foreground;
		let bg = colourOf(cell, 'bg');
		if (cell.isInverse()) [fg, bg] = [bg ?? background, fg];
		const left = pad + x * cellWidth;
		const top = pad + y * lineHeight;
		if (bg !== undefined) parts.push(`<rect x="${left.toFixed(1)}" y="${top}" width="${(width * cellWidth).toFixed(1)}" height="${lineHeight}" fill="${bg}"/>`);
		const chars = cell.getChars();
		if (chars !== '' && chars !== ' ') {
			const style = [
				cell.isBold() ? ' font-weight="bold"' : '',
				cell.isItalic() ? ' font-style="italic"' : '',
				cell.isUnderline() ? ' text-decoration="underline"' : '',
				cell.isDim() ? ' opacity="0.6"' : '',
			].join('');
			parts.push(`<text x="${left.toFixed(1)}" y="${top + 13}" fill="${fg}"${style}>${escapeXml(chars)}</text>`);
		}
		x += width;
	}
}

const svgWidth = Math.ceil(pad * 2 + columns * cellWidth);
const svgHeight = pad * 2 + rows * lineHeight;
process.stdout.write([
	`<svg xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${svgHeight}" viewBox="0 0 ${svgWidth} ${svgHeight}"`,
	` font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${fontSize}" xml:space="preserve">`,
	`<rect width="100%" height="100%" rx="6" fill="${background}"/>`,
	...parts,
	'</svg>\n',
].join('\n'));
terminal.dispose();
