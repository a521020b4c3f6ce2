/**
 * Transpiles the TypeScript sources the measuring process needs into plain JavaScript under
 * build/, so that process runs without a compiler in memory and its figures are the
 * emulator's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Transpiles every .ts file under `dirs` (relative to `root`) into `outDir`, keeping the layout. */
export function transpileTree(root: string, dirs: readonly string[], outDir: string): void {
  const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  for (const file of dirs.flatMap((d) => tsFiles(path.join(root, d)))) {
    const out = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file }).outputText);
  }
}
