/**
 * Runs TypeScript sources directly (`node -r ./bench/emulator/tsRegister.js file.ts`):
 * each .ts file is transpiled on require, without type checking (that is `npm run lint`'s
 * job). Used by the benchmark and by tests that start a real second emulator process.
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
