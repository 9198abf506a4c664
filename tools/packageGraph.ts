import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { LAYERS, packageName } from './layers.js';

// `npm run graph`: prints the workspaces' package graph from their package.json files and fails when a
// workspace imports something it does not declare (or another workspace's files by a relative path),
// declares a workspace its layer may not import, or the graph has a cycle. A workspace's own tests count:
// a test is part of its package.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtins = new Set(builtinModules);
const sourceFile = /\.(ts|tsx|js|mjs)$/;

interface Workspace {
  folder: string;
  name: string;
  declared: Set<string>;
  /** Workspace folders it declares. */
  dependsOn: string[];
  /** What its files import, package name -> first file that does. */
  imports: Map<string, string>;
  /** Relative imports that climb into another workspace (the convention: import by package name). */
  climbing: string[];
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const folders = readJson(join(root, 'package.json')).workspaces as string[];
const byName = new Map(folders.map((folder) => [packageName(folder), folder]));

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (sourceFile.test(entry.name)) yield path;
  }
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
const folderOf = (path: string) => relative(root, path).split(sep)[0] ?? '';

function readWorkspace(folder: string): Workspace {
  const json = readJson(join(root, folder, 'package.json'));
  const declared = new Set(
    ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((field) =>
      Object.keys((json[field] as Record<string, string> | undefined) ?? {}),
    ),
  );
  const workspace: Workspace = {
    folder,
    name: json.name as string,
    declared,
    dependsOn: [...declared].flatMap((dep) => {
      const target = byName.get(dep);
      return target ? [target] : [];
    }),
    imports: new Map(),
    climbing: [],
  };
  for (const file of sourceFiles(join(root, folder))) {
    const shown = relative(root, file);
    for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles) {
      if (specifier.startsWith('.')) {
        const target = folderOf(resolve(dirname(file), specifier));
        if (target !== folder && byName.has(packageName(target))) {
          workspace.climbing.push(`${shown} -> ${specifier}`);
          if (!workspace.imports.has(packageName(target))) workspace.imports.set(packageName(target), shown);
        }
        continue;
      }
      const name = packageOf(specifier);
      if (specifier.startsWith('node:') || builtins.has(name) || name === workspace.name) continue;
      if (!workspace.imports.has(name)) workspace.imports.set(name, shown);
    }
  }
  return workspace;
}

const workspaces = folders.map(readWorkspace);
const problems: string[] = [];
for (const w of workspaces) {
  for (const line of w.climbing)
    problems.push(`${line} climbs into another workspace: import it by package name`);
  for (const [name, file] of w.imports)
    if (!w.declared.has(name))
      problems.push(`${w.folder}/package.json does not declare ${name} (imported by ${file})`);
  const allowed = LAYERS[w.folder];
  if (!allowed) problems.push(`${w.folder} has no layer in tools/layers.js`);
  for (const dep of w.dependsOn) {
    if (allowed && !allowed.includes(dep))
      problems.push(`${w.folder} may not depend on ${dep} (tools/layers.js)`);
    if (!w.imports.has(packageName(dep)))
      problems.push(`${w.folder} declares ${packageName(dep)} but imports nothing of it`);
  }
}

// Depth-first over the declared workspace dependencies; a folder met again while still open closes a cycle.
const state = new Map<string, 'open' | 'done'>();
const order: string[] = [];
const byFolder = new Map(workspaces.map((w) => [w.folder, w]));
function visit(folder: string, path: string[]): void {
  if (state.get(folder) === 'done') return;
  if (state.get(folder) === 'open') {
    problems.push(`cycle: ${[...path.slice(path.indexOf(folder)), folder].join(' -> ')}`);
    return;
  }
  state.set(folder, 'open');
  for (const dep of byFolder.get(folder)?.dependsOn ?? []) visit(dep, [...path, folder]);
  state.set(folder, 'done');
  order.push(folder);
}
for (const w of workspaces) visit(w.folder, []);

const width = Math.max(...folders.map((f) => f.length));
console.log('package graph (each workspace -> the workspaces it declares; external packages in brackets)');
for (const folder of order) {
  const w = byFolder.get(folder)!;
  const external = [...w.declared].filter((d) => !byName.has(d)).sort();
  console.log(
    `  ${folder.padEnd(width)} -> ${w.dependsOn.sort().join(', ') || '(nothing)'}  [${external.join(', ')}]`,
  );
}
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('no cycle; every workspace declares what it imports, within its layer');
