/**
 * The project folder (where package.json, cards/ and manifest/ live), found by walking up
 * from this file: compiled code runs from dist/ or build/ at different depths.
 */
import fs from 'node:fs';
import path from 'node:path';

function find(): string {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'cards')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`cannot find the project folder above ${__dirname}`);
}

export const PROJECT_ROOT = find();
