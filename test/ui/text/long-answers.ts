/**
 * Ten long answers as models write them (tables, nested lists, code in several languages, CJK,
 * emoji, footnotes, raw HTML, links), for the rendering checks at 80×24 and 200×60.
 */

const fence = '```';

const pythonConcurrency = `# Choosing between threads, processes and asyncio in Python

Python gives you **three** ways to do several things at once, and picking the wrong one is the most common reason a "parallel" program runs *slower* than the sequential version. The short version: use \`asyncio\` for many slow network calls, \`multiprocessing\` for CPU-bound number crunching, and threads for blocking I/O in libraries that are not async-aware.

## At a glance

| Approach | Best for | Shares memory | Limited by the GIL | Typical overhead |
|:---------|:---------|:-------------:|:------------------:|-----------------:|
| \`threading\` | Blocking I/O in sync libraries | yes | yes | ~50 µs per thread |
| \`multiprocessing\` | CPU-bound work (parsing, math, image processing) | no (pickling) | no | ~10 ms per process |
| \`asyncio\` | Thousands of concurrent sockets | yes | yes | ~1 µs per task |

## A CPU-bound example with a process pool

${fence}python
from concurrent.futures import ProcessPoolExecutor
import hashlib


def expensive_digest(payload: bytes, rounds: int = 200_000) -> str:
    """Hashes the payload many times; pure CPU work that threads cannot speed up."""
    digest = payload
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


if __name__ == "__main__":
    payloads = [f"record-{index}".encode() for index in range(32)]
    with ProcessPoolExecutor(max_workers=4) as pool:
        for result in pool.map(expensive_digest, payloads, chunksize=4):
            print(result[:16])
${fence}

Things to keep in mind:

1. Every argument and result is **pickled** to cross the process boundary.
   - Large NumPy arrays are better shared with \`multiprocessing.shared_memory\`.
   - Lambdas and local functions cannot be pickled; use module-level functions.
2. On macOS and Windows the default start method is \`spawn\`, so the \`if __name__ == "__main__":\` guard is not optional.
3. \`chunksize\` matters: with 10,000 tiny tasks, a chunk size of 1 spends most of its time on inter-process communication.

## Many network calls with asyncio

${fence}python
import asyncio
import aiohttp


async def fetch_status(session: aiohttp.ClientSession, url: str) -> tuple[str, int]:
    async with session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as response:
        return url, response.status


async def main(urls: list[str]) -> None:
    limit = asyncio.Semaphore(20)  # never more than 20 requests in flight

    async def bounded(url: str) -> tuple[str, int]:
        async with limit:
            return await fetch_status(session, url)

    async with aiohttp.ClientSession() as session:
        for url, status in await asyncio.gather(*(bounded(url) for url in urls)):
            print(f"{status} {url}")
${fence}

> **Note:** Python 3.13 ships an experimental free-threaded build (PEP 703) where the GIL can be disabled; until the ecosystem catches up, treat it as a preview.

If you are unsure, measure first: \`python -m cProfile -s cumtime script.py\` tells you whether the time goes to waiting or to computing. 🚀
`;

const gitRebase = `## Cleaning up a feature branch before review

You can rewrite the last few commits of a branch with an **interactive rebase**. It is safe as long as nobody else has based work on those commits.

### Step by step

1. Make sure your working tree is clean:
   ${fence}bash
   git status --short
   git stash push -m "wip before rebase"   # only if something is listed
   ${fence}
2. Start the rebase against the branch you will merge into:
   ${fence}bash
   git fetch origin
   git rebase --interactive --autosquash origin/main
   ${fence}
3. In the editor, change the verb in front of each commit:
   - \`pick\` keeps the commit as it is
   - \`reword\` keeps the changes but lets you edit the message
   - \`squash\` melts the commit into the one above and combines the messages
     - use \`fixup\` instead when the message of the small commit is worthless
     - \`fixup -C\` keeps *this* commit's message instead
   - \`drop\` removes the commit entirely
4. Resolve conflicts if any, then \`git rebase --continue\`.
5. Push with a lease, never a bare force:
   ${fence}bash
   git push --force-with-lease origin HEAD
   ${fence}

### What each option protects you from

| Command | Protects against | When it is not enough |
|---------|------------------|-----------------------|
| \`--force-with-lease\` | Overwriting a colleague's push you have not fetched | When a background \`git fetch\` already updated your remote-tracking branch |
| \`--force-if-includes\` | The case above: it also checks your reflog | Git older than 2.30 does not have it |
| \`git rebase --abort\` | A rebase that went wrong halfway | Once the rebase has finished: use \`git reflog\` instead |

If everything went wrong, \`git reflog\` lists every position your branch had, e.g. \`HEAD@{5}\`, and \`git reset --hard HEAD@{5}\` takes you back there.[^reflog]

[^reflog]: Entries expire after 90 days by default (\`gc.reflogExpire\`), unreachable ones after 30.
`;

const rustErrors = `# Error handling in Rust: \`Result\`, \`?\`, and when to reach for a crate

Rust has no exceptions. A function that can fail returns \`Result<T, E>\`, and the caller must do *something* with the error — ignore it explicitly, handle it, or pass it up with \`?\`.

${fence}rust
use std::fs;
use std::num::ParseIntError;
use std::path::Path;

#[derive(Debug)]
enum ConfigError {
    Io(std::io::Error),
    BadNumber { line: usize, source: ParseIntError },
}

impl From<std::io::Error> for ConfigError {
    fn from(error: std::io::Error) -> Self {
        ConfigError::Io(error)
    }
}

/// Reads one port number per line and returns them all, or the first problem found.
fn read_ports(path: &Path) -> Result<Vec<u16>, ConfigError> {
    let text = fs::read_to_string(path)?; // io::Error becomes ConfigError through From
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            line.trim()
                .parse::<u16>()
                .map_err(|source| ConfigError::BadNumber { line: index + 1, source })
        })
        .collect()
}
${fence}

## Which approach fits

- **Libraries** should expose a precise error type, so callers can match on it.
  - The \`thiserror\` crate derives \`Display\` and \`From\` for you.
  - Keep variants stable: adding one is a breaking change unless the enum is \`#[non_exhaustive]\`.
- **Applications** mostly want a message and a backtrace.
  - \`anyhow::Result<T>\` accepts any error type and lets you add context with \`.context("reading config")\`.
  - \`eyre\` is a fork with customizable reports.
- **Never** use \`unwrap()\` in library code; \`expect("why this cannot fail")\` documents an invariant in application code.

| Crate | Use in | Adds | Downloads/month |
|-------|--------|------|----------------:|
| \`thiserror\` | libraries | derive macros for error enums | 45,000,000 |
| \`anyhow\` | applications | one catch-all error type with context | 38,000,000 |
| \`snafu\` | both | context selectors, backtraces | 4,000,000 |

The \`?\` operator works on \`Option\` too, inside functions that return \`Option\`. Mixing them needs \`.ok_or(...)\` or \`.ok()\`. 🦀
`;

const sqlIndexes = `## Why is my query slow? Reading an execution plan

Your query filters on two columns and sorts on a third:

${fence}sql
SELECT id, customer_id, total_cents, created_at
FROM orders
WHERE status = 'shipped'
  AND created_at >= now() - interval '30 days'
ORDER BY total_cents DESC
LIMIT 50;
${fence}

Run it with \`EXPLAIN (ANALYZE, BUFFERS)\` and look for the node where the time goes:

${fence}text
Limit  (cost=48213.11..48213.24 rows=50 width=32) (actual time=812.4..812.5 rows=50 loops=1)
  ->  Sort  (cost=48213.11..48390.61 rows=71000 width=32) (actual time=812.4..812.4 rows=50 loops=1)
        Sort Key: total_cents DESC
        Sort Method: top-N heapsort  Memory: 31kB
        ->  Seq Scan on orders  (cost=0.00..45854.00 rows=71000 width=32) (actual time=0.03..790.1 rows=70412 loops=1)
              Filter: ((status = 'shipped'::text) AND (created_at >= (now() - '30 days'::interval)))
              Rows Removed by Filter: 1929588
${fence}

The **Seq Scan** reads two million rows to keep seventy thousand. A composite index fixes that:

${fence}sql
CREATE INDEX CONCURRENTLY orders_status_created_idx
    ON orders (status, created_at)
    INCLUDE (total_cents, customer_id);
${fence}

### Column order in a composite index

| Position | Put here | Because |
|:--------:|----------|---------|
| 1 | Columns compared with \`=\` | The index can jump straight to the matching range |
| 2 | The column compared with a range (\`>=\`, \`BETWEEN\`) | Only one range condition can use the index order |
| – | Columns only read, in \`INCLUDE\` | Enables an index-only scan without widening the key |

After creating it, run \`ANALYZE orders;\` so the planner has fresh statistics, and check that the plan now says **Index Only Scan**. &rarr; If it still does not, the table's visibility map may be stale: \`VACUUM orders;\` helps.

<details>
<summary>Why CONCURRENTLY?</summary>

A plain \`CREATE INDEX\` takes a lock that blocks writes for the whole build; \`CONCURRENTLY\` takes longer but lets the application keep writing.

</details>
`;

const japaneseGuide = `# 東京で一週間：はじめての旅行プラン 🗼

東京は初めてでも歩きやすい街です。電車が正確で、英語の案内も増えています。この計画は **7日間**、予算は一日あたり約 15,000 円（宿泊費を除く）を想定しています。

## 日ごとの予定

| 日 | エリア | おすすめ | 移動のヒント |
|:--:|--------|----------|--------------|
| 1 | 浅草・上野 | 浅草寺、仲見世通り、上野公園 | 銀座線で一本 |
| 2 | 渋谷・原宿 | 明治神宮、竹下通り、渋谷スクランブル交差点 | 山手線が便利 |
| 3 | 新宿 | 新宿御苑、思い出横丁、都庁の無料展望台 | 夜は混雑に注意 |
| 4 | 鎌倉（日帰り） | 鶴岡八幡宮、大仏、江ノ電 | 湘南新宿ラインで約1時間 |
| 5 | 築地・銀座 | 場外市場の朝ごはん、歌舞伎座 | 朝8時までに到着 |
| 6 | お台場 | チームラボ、海浜公園 | ゆりかもめは景色が良い |
| 7 | 自由行動 | お土産、秋葉原 | 空港へは京急か成田エクスプレス |

## 持ち物と準備

- **交通系ICカード**（Suica／PASMO）
  - スマートフォンのウォレットにも追加できます
  - コンビニでの支払いにも使えます
- 現金：小さなお店や神社ではカードが使えないことがあります
- 歩きやすい靴 👟 — 一日 15,000 歩は普通です

## よく使う日本語

1. すみません — Excuse me / sorry
2. これをください — I'll take this, please
3. 〜はどこですか — Where is …?
4. ありがとうございます — Thank you

> 注意：多くの美術館は**月曜日が休館**です。出発前に公式サイトで確認してください。

楽しい旅を！🎌
`;

const kubernetesDebug = `## A pod stuck in \`CrashLoopBackOff\`: a checklist

When a container keeps restarting, Kubernetes waits longer each time (10 s, 20 s, 40 s … up to 5 minutes), which is what the status means. Work through these in order:

1. **Read the last logs of the crashed container**, not the current one:
   ${fence}bash
   kubectl logs deploy/payments-api --previous --tail=100
   ${fence}
2. **Look at the events and the exit code**:
   ${fence}bash
   kubectl describe pod -l app=payments-api | sed -n '/Last State/,/Ready/p'
   ${fence}
   - Exit code \`137\` means the container was killed: usually \`OOMKilled\`, check memory limits.
   - Exit code \`1\` or \`2\` is the application's own failure: read the logs.
   - Exit code \`126\`/\`127\`: the command in the image is not executable or does not exist.
3. **Check probes**: a liveness probe that fires before the app is ready kills a healthy container.

${fence}yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-api
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/payments-api:1.14.2
          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {memory: 512Mi}
          startupProbe:            # gives a slow start 5 minutes before liveness applies
            httpGet: {path: /healthz, port: 8080}
            failureThreshold: 30
            periodSeconds: 10
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 15
${fence}

| Symptom | Likely cause | First command |
|---------|--------------|---------------|
| Restarts every ~30 s with exit 137 | Memory limit too low | \`kubectl top pod\` |
| Restarts right after start, no logs | Wrong entrypoint or missing config file | \`kubectl describe pod\` |
| Healthy for minutes, then killed | Liveness probe times out under load | raise \`timeoutSeconds\` |

See the [Kubernetes debugging guide](https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/ "Debug Pods") for more. Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop a \`kubectl logs -f\`.
`;

const goConcurrency = `# Worker pools in Go with context cancellation

A worker pool bounds how many goroutines run at once. Combined with \`context.Context\`, every worker stops promptly when the caller gives up.

${fence}go
package pool

import (
	"context"
	"errors"
	"sync"
)

// Run calls work for every item with at most n goroutines and returns the first error.
func Run[T any](ctx context.Context, n int, items []T, work func(context.Context, T) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	jobs := make(chan T)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range jobs {
				if err := work(ctx, item); err != nil {
					cancel(err) // the first failure stops everyone
					return
				}
			}
		}()
	}

feed:
	for _, item := range items {
		select {
		case jobs <- item:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
${fence}

Why it is written this way:

- \`for range n\` needs **Go 1.22** or newer (integer range).
- \`context.WithCancelCause\` (Go 1.20) keeps the *first* error instead of a generic \`context canceled\`.
- The labeled \`break feed\` leaves the \`for\` loop, not only the \`select\`.
  - A plain \`break\` inside \`select\` only ends the \`select\` — a classic bug.

| Alternative | Package | Difference |
|-------------|---------|-----------|
| \`errgroup.Group\` with \`SetLimit\` | golang.org/x/sync | Same idea, less code, but one goroutine per item |
| Semaphore channel | standard library | \`sem := make(chan struct{}, n)\`; simplest for fire-and-forget work |
| \`semaphore.Weighted\` | golang.org/x/sync | Items can take different weights |

In most code, \`errgroup\` with \`g.SetLimit(n)\` is the idiomatic choice; write your own pool when items arrive from a stream rather than a slice. 🐹
`;

const cssLayout = `## Centering and layout in modern CSS

There are now two layout systems worth knowing well — **Flexbox** for one dimension, **Grid** for two — and centering is a one-liner in both.

${fence}css
/* Center anything inside its parent, both ways. */
.center {
  display: grid;
  place-items: center;
  min-block-size: 100dvh; /* dynamic viewport: ignores the mobile URL bar */
}

/* A responsive card grid with no media queries. */
.cards {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(18rem, 100%), 1fr));
  gap: clamp(1rem, 2vw, 2rem);
}

.card:has(img) {
  grid-row: span 2; /* :has() is supported everywhere since Firefox 121 (Dec 2023) */
}
${fence}

And the HTML it styles:

${fence}html
<main class="center">
  <section class="cards" aria-label="Articles">
    <article class="card"><h2>Grid</h2><p>Two dimensions.</p></article>
    <article class="card"><img src="flex.png" alt="Flexbox diagram"><h2>Flex</h2></article>
  </section>
</main>
${fence}

| Need | Use | Key properties |
|------|-----|----------------|
| A row of buttons that wraps | Flexbox | \`display: flex; flex-wrap: wrap; gap\` |
| A page layout with sidebar | Grid | \`grid-template-areas\` |
| Equal-height cards | Grid | \`grid-auto-rows: 1fr\` |
| Pushing one item to the end | Flexbox | \`margin-inline-start: auto\` |

Browser support is excellent: <b>container queries</b>, <code>:has()</code>, subgrid and \`dvh\` units all work in the current versions of Chrome, Edge, Firefox and Safari.<br>Check [caniuse.com](https://caniuse.com) when you need older browsers.
`;

const typescriptTypes = `# Narrowing unions in TypeScript without \`as\`

A discriminated union plus an exhaustive \`switch\` catches missing cases at compile time:

${fence}typescript
type Shape =
	| {kind: 'circle'; radius: number}
	| {kind: 'rect'; width: number; height: number}
	| {kind: 'polygon'; points: ReadonlyArray<readonly [x: number, y: number]>};

function assertNever(value: never): never {
	throw new Error(\`Unhandled shape: \${JSON.stringify(value)}\`);
}

export function area(shape: Shape): number {
	switch (shape.kind) {
		case 'circle':
			return Math.PI * shape.radius ** 2;
		case 'rect':
			return shape.width * shape.height;
		case 'polygon': {
			// Shoelace formula: half the absolute sum of cross products of consecutive points.
			let sum = 0;
			for (const [index, [x1, y1]] of shape.points.entries()) {
				const [x2, y2] = shape.points[(index + 1) % shape.points.length]!;
				sum += x1 * y2 - x2 * y1;
			}
			return Math.abs(sum) / 2;
		}
		default:
			return assertNever(shape);
	}
}
${fence}

Other narrowing tools, from most to least preferred:

1. **Discriminant property** (\`shape.kind === 'circle'\`) — cheapest and clearest.
2. **\`in\` operator** (\`'radius' in shape\`) — works when there is no tag.
3. **Type predicates**:
   ${fence}ts
   const isRect = (shape: Shape): shape is Extract<Shape, {kind: 'rect'}> => shape.kind === 'rect';
   ${fence}
4. **\`satisfies\`** checks a value against a type *without* widening it:
   ${fence}ts
   const palette = {primary: '#0b7285', danger: '#c92a2a'} satisfies Record<string, \`#\${string}\`>;
   ${fence}

| Tool | Since | Runtime cost |
|------|:-----:|-------------:|
| Discriminated unions | 2.0 | none |
| \`satisfies\` | 4.9 | none |
| \`const\` type parameters | 5.0 | none |
| Inferred type predicates | 5.5 | none |

TypeScript 5.5 even infers \`x is T\` for simple arrow functions like \`(x) => x !== undefined\`, so \`array.filter(...)\` narrows by itself.[^ts55] ✨

[^ts55]: Only when the function has no explicit return type and returns a boolean expression about its parameter.
`;

const mixedChinese = `## 数据库选型：PostgreSQL、MySQL 还是 SQLite？🤔

选择数据库时，先问三个问题：**并发写入有多少？数据量有多大？需要哪些功能？**

| 特性 | PostgreSQL | MySQL | SQLite |
|------|:----------:|:-----:|:------:|
| 并发写入 | 很好（MVCC） | 好 | 单写入者 |
| JSON 支持 | \`jsonb\`，可建索引 | \`JSON\` 类型 | JSON 函数 |
| 全文搜索 | 内置 \`tsvector\` | 内置 \`FULLTEXT\` | FTS5 扩展 |
| 部署 | 需要服务器 | 需要服务器 | 一个文件 |
| 适合场景 | 复杂查询、数据分析 | Web 应用、读多写少 | 嵌入式、移动端、原型 |

### 我的建议

- **个人项目或原型**：SQLite。零配置，备份就是复制一个文件 📁
  - 开启 WAL 模式：\`PRAGMA journal_mode = WAL;\`
  - 超过每秒几百次写入时再考虑迁移
- **团队项目**：PostgreSQL。功能最全，扩展丰富（PostGIS、pgvector）
- **已有 MySQL 经验的团队**：MySQL 8 也完全够用

${fence}python
import sqlite3

with sqlite3.connect("app.db") as conn:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    conn.execute("INSERT INTO notes (body) VALUES (?)", ("你好，世界 👋",))
    for row in conn.execute("SELECT id, body FROM notes"):
        print(row)
${fence}

> 提示：无论选哪个，都要定期测试**恢复**备份，而不仅仅是创建备份。

参考：[PostgreSQL 文档](https://www.postgresql.org/docs/current/ "官方文档")、[SQLite 何时适用](https://www.sqlite.org/whentouse.html)。
`;

export const longAnswers: Readonly<Record<string, string>> = {
	pythonConcurrency,
	gitRebase,
	rustErrors,
	sqlIndexes,
	japaneseGuide,
	kubernetesDebug,
	goConcurrency,
	cssLayout,
	typescriptTypes,
	mixedChinese,
};
