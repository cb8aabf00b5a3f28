import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {jsonString, sanitize, Sanitizer, stripControls} from '../../../source/ui/text/sanitize.js';

const esc = '\u001B';
const bel = '\u0007';
const st = `${esc}\\`;

/** Nothing a terminal would act on: no C0 but \n \t, no DEL, no C1. */
function assertInert(text: string): void {
	// eslint-disable-next-line no-control-regex -- looking for control characters is the point
	assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
}

describe('sanitize', () => {
	const attacks: Array<[name: string, input: string, expected: string]> = [
		['OSC 52 clipboard write (BEL)', `copy ${esc}]52;c;ZWNobyBwd25lZA==${bel}this`, 'copy this'],
		['OSC 52 clipboard write (ST)', `a${esc}]52;c;ZWNobyBwd25lZA==${st}b`, 'ab'],
		['OSC 0 title change', `${esc}]0;you have been pwned${bel}hello`, 'hello'],
		['OSC 2 title change', `${esc}]2;title${st}hello`, 'hello'],
		['OSC 8 hyperlink', `${esc}]8;;https://evil.example${st}click me${esc}]8;;${st}`, 'click me'],
		['screen clear and home', `before${esc}[2J${esc}[Hafter`, 'beforeafter'],
		['leave the alternate screen', `x${esc}[?1049ly`, 'xy'],
		['cursor movement', `${esc}[10A${esc}[5;20Hup${esc}[3D${esc}[K`, 'up'],
		['SGR colours', `${esc}[31;1mred${esc}[0m`, 'red'],
		['DCS payload', `a${esc}P1$r0m${st}b`, 'ab'],
		['APC, PM and SOS payloads', `1${esc}_apc${st}2${esc}^pm${st}3${esc}Xsos${st}4`, '1234'],
		['two-character escapes (RIS, save cursor, charset)', `a${esc}cb${esc}7c${esc}(Bd`, 'abcd'],
		['8-bit CSI', 'x\u009B2Jy', 'xy'],
		['8-bit OSC with 8-bit ST', 'x\u009D52;c;AAAA\u009Cy', 'xy'],
		['8-bit OSC with BEL', 'x\u009D0;t\u0007y', 'xy'],
		['carriage return overwrite', 'safe command\rrm -rf / ', 'safe commandrm -rf / '],
		['CRLF becomes LF', 'one\r\ntwo\r\n', 'one\ntwo\n'],
		['backspace overwrite', 'good\b\b\b\bevil', 'goodevil'],
		['BEL and NUL', `ding${bel}\u0000dong`, 'dingdong'],
		['DEL and other C1', 'a\u007Fb\u0085c\u008Dd', 'abcd'],
		['vertical tab and form feed', 'a\u000Bb\u000Cc', 'abc'],
		['CAN aborts a string', `a${esc}]0;x\u0018b`, 'ab'],
		['ESC inside OSC starts a new sequence', `a${esc}]0;x${esc}[31mb`, 'ab'],
		['lone ESC at the end', `done${esc}`, 'done'],
		['CSI cut short by text keeps the text', `${esc}[12é`, 'é'],
	];

	for (const [name, input, expected] of attacks) {
		test(name, () => {
			const output = sanitize(input);
			assert.equal(output, expected);
			assertInert(output);
		});
	}

	test('keeps newlines, tabs and Unicode text', () => {
		const text = 'café 漢字 😀 👩‍👩‍👧 e\u0301\n\tindented\n';
		assert.equal(sanitize(text), text);
		assert.equal(sanitize(`${esc}[1m${text}${esc}[0m`), text);
	});

	test('returns the very same string when there is nothing to remove', () => {
		const text = 'plain text, 漢字, ☕'.repeat(100);
		assert.equal(sanitize(text), text);
	});

	test('an unterminated OSC drops everything after it, as a terminal would swallow it', () => {
		const payload = 'A'.repeat(100_000);
		assert.equal(sanitize(`visible${esc}]52;c;${payload}`), 'visible');
		assert.equal(sanitize(`visible${esc}]52;c;${payload}\n\nmore text`), 'visible');
		assert.equal(sanitize(`visible${esc}Pdcs\nstill payload`), 'visible');
		// The terminator ends it: text after the string comes back.
		assert.equal(sanitize(`visible${esc}]52;c;${payload}${bel}more`), 'visiblemore');
	});

	test('copes with long hostile input (the scan is linear: a backtracking regex would hang here)', () => {
		const hostile = `${esc}[`.repeat(50_000) + `${esc}]`.repeat(50_000) + 'x'.repeat(100_000);
		assert.equal(sanitize(hostile), '');
		assertInert(sanitize(`${esc}[1;`.repeat(100_000) + 'tail'));
	});

	test('incremental chunks give the same result as the whole text, at any split', () => {
		const text = `a${esc}]52;c;QUJD${bel}b${esc}[2Jc\r\nd\u009B1;2He${esc}]0;t${st}f${esc}(Bg\u0085h`;
		const whole = sanitize(text);
		for (let cut = 0; cut <= text.length; cut++) {
			const sanitizer = new Sanitizer();
			const first = sanitizer.push(text.slice(0, cut));
			assert.equal(first, sanitize(text.slice(0, cut)), `prefix at ${cut}`);
			assert.equal(first + sanitizer.push(text.slice(cut)), whole, `split at ${cut}`);
		}

		const sanitizer = new Sanitizer();
		assert.equal([...text].map(char => sanitizer.push(char)).join(''), whole);
	});
});

describe('hidden characters', () => {
	test('bidi controls, zero-width and other format characters become visible placeholders', () => {
		assert.equal(sanitize('file\u202Etxt.exe'), 'file⟨U+202E⟩txt.exe');
		assert.equal(sanitize('\u2066a\u2069 \u202Ab\u202C \u200E\u200F\u061C'), '⟨U+2066⟩a⟨U+2069⟩ ⟨U+202A⟩b⟨U+202C⟩ ⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩');
		assert.equal(sanitize('pay\u200Bpal'), 'pay⟨U+200B⟩pal');
		assert.equal(sanitize('one\u2028two\u2029three'), 'one⟨U+2028⟩two⟨U+2029⟩three');
		assert.equal(sanitize('a\uFEFFb\u2060c\u00ADd'), 'a⟨U+FEFF⟩b⟨U+2060⟩c⟨U+00AD⟩d');
		assert.equal(sanitize('latin a\u200Db a\u200Cb'), 'latin a⟨U+200D⟩b a⟨U+200C⟩b', 'joiners mean nothing between Latin letters');
	});

	test('tag characters outside a flag (invisible ASCII) are shown', () => {
		const smuggled = [...'ignore'].map(char => String.fromCodePoint(0xe_00_00 + char.charCodeAt(0))).join('');
		assert.equal(sanitize(`hi${smuggled}`), 'hi⟨U+E0069⟩⟨U+E0067⟩⟨U+E006E⟩⟨U+E006F⟩⟨U+E0072⟩⟨U+E0065⟩');
	});

	test('joiners inside emoji and Indic or Arabic words, and subdivision flags, are kept', () => {
		for (const text of [
			'👩\u200D👩\u200D👧 👨🏽\u200D💻 🏳️\u200D🌈',
			'क्\u200Dष',
			'ന്\u200D കേരളം',
			'می\u200Cخواهم',
			'🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland',
			'\u0600١٢ Arabic number sign',
		]) {
			assert.equal(sanitize(text), text);
		}
	});

	test('a lone surrogate becomes exactly one U+FFFD', () => {
		assert.equal(sanitize('a\uD83Db'), 'a\uFFFDb');
		assert.equal(sanitize('a\uDC4Db'), 'a\uFFFDb');
		assert.equal(sanitize('end \uD83D'), 'end \uFFFD');
		assert.equal(sanitize('\uDC4D\uD83D'), '\uFFFD\uFFFD');
		assert.equal(sanitize('ok 👍'), 'ok 👍');
	});

	test('a stream split anywhere, even inside a surrogate pair, gives the same text', () => {
		const text = `x👩\u200D👩\u200D👧 क्\u200Dष\u202Eab${esc}[31m\u200B🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}a\u200Db\uD800!`;
		const whole = sanitize(text);
		for (let cut = 0; cut <= text.length; cut++) {
			const sanitizer = new Sanitizer();
			const joined = sanitizer.push(text.slice(0, cut)) + sanitizer.push(text.slice(cut)) + sanitizer.end();
			assert.equal(joined, whole, `split at ${cut}`);
		}

		const sanitizer = new Sanitizer();
		assert.equal([...text].map(char => sanitizer.push(char)).join('') + sanitizer.end(), whole);
		const halves = new Sanitizer();
		assert.equal(halves.push('a\uD83D'), 'a', 'the first half waits');
		assert.equal(halves.push('\uDC4D'), '👍');
	});

	test('stripControls (typed text, kept as typed) removes controls but leaves format characters alone', () => {
		assert.equal(stripControls(`a${esc}[2Jb\u202Ec\u200B\td\n`), 'ab\u202Ec\u200B\td\n');
	});
});

describe('jsonString', () => {
	test('escapes C0, C1, DEL and line separators; parses back to the original', () => {
		const text = `quote " backslash \\ newline \n tab \t esc ${esc}[2J bel ${bel} c1 \u009B\u0085 del \u007F ls \u2028 ps \u2029 é 漢字 😀`;
		const json = jsonString(text);
		assertInert(json);
		assert.doesNotMatch(json, /[\u2028\u2029]/);
		assert.ok(json.includes('\\u001b[2J'));
		assert.ok(json.includes('\\u009b\\u0085'));
		assert.ok(json.includes('\\u007f'));
		assert.ok(json.includes('\\u2028'));
		assert.ok(json.includes('é 漢字 😀'));
		assert.equal(JSON.parse(json), text);
	});

	test('escapes hidden format characters like controls, keeping joiners inside emoji', () => {
		const text = 'rtl \u202E zw \u200B bom \uFEFF family 👩\u200D👩\u200D👧';
		const json = jsonString(text);
		assert.ok(json.includes('rtl \\u202e zw \\u200b bom \\ufeff'));
		assert.ok(json.includes('👩\u200D👩\u200D👧'));
		assert.equal(JSON.parse(json), text);
		const tags = jsonString('x\u{E0041}');
		assert.equal(tags, '"x\\udb40\\udc41"');
		assert.equal(JSON.parse(tags), 'x\u{E0041}');
	});

	test('equals JSON.stringify when there is nothing extra to escape', () => {
		for (const text of ['', 'hello', 'a "q" \\ \n', 'lone \uD800 surrogate', '漢字']) {
			assert.equal(jsonString(text), JSON.stringify(text));
		}
	});
});
