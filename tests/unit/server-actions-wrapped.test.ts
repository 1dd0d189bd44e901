// Every export of a "use server" file is a public endpoint: each must be built
// from one of our action clients (which authenticate and check permissions).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : files(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

const serverFiles = [...files(path.join(ROOT, 'app')), ...files(path.join(ROOT, 'components')), ...files(path.join(ROOT, 'lib'))].filter(
  (f) => /^\s*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')),
);

describe('server actions', () => {
  it('exist', () => {
    expect(serverFiles.length).toBeGreaterThan(0);
  });

  it.each(serverFiles.map((f) => [path.relative(ROOT, f), f]))('%s exports only wrapped actions', (_rel, file) => {
    const src = fs.readFileSync(file, 'utf8');
    const exports = [...src.matchAll(/^export\s+(?:async\s+)?(const|function|let|var|default)\s*(\w*)/gm)];
    expect(exports.length).toBeGreaterThan(0);
    for (const [line, kind] of exports) {
      expect(kind, `${line} must be "export const x = publicAction|userAction|workspaceAction..."`).toBe('const');
    }
    const consts = [...src.matchAll(/^export\s+const\s+(\w+)\s*=\s*([\s\S]*?)(?=\n\S|$)/gm)];
    for (const [, name, body] of consts) {
      expect(body.trim(), `${name} is not built from an action client`).toMatch(/^(publicAction|userAction|workspaceAction)\b/);
      if (body.trim().startsWith('workspaceAction')) expect(body, `${name} declares no permission`).toMatch(/permission:\s*'/);
    }
  });
});
