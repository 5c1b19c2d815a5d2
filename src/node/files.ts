import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.ts';
import { reportJson, reportMarkdown, type ReportMeta } from '../experiments/report.ts';
import type { Experiment, ExperimentOutcome } from '../experiments/types.ts';

/**
 * File output for Node (everything else of adamscope runs in the browser too).
 *
 * Every file is written to a temporary sibling and renamed into place, so a reader (or a
 * signal, or a crash) never sees a half-written file; a set of files is renamed only once
 * every one of them is written, so they appear together or not at all. Output paths are
 * checked before any work (`checkOutputPath`): the check creates and removes a probe file in
 * the folder that will hold the output, so it answers for this user on this file system.
 */

/** Pseudo file systems that are never a place for output (and where mkdir -p can spin). */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

/** What a path is expected to be. */
export type OutputKind = 'file' | 'folder';

/** One file of an atomic write. */
export interface OutputFile {
  /** The flag that named it (`--out`, `--csv`, ...), for error messages. */
  flag: string;
  path: string;
  data: string | Uint8Array;
}

/** Temporary files not yet renamed into place (removed by `removePendingTemporaries`). */
const pending = new Set<string>();

function under(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

function specialRoot(path: string): string | undefined {
  return SPECIAL_ROOTS.find((root) => under(root, path));
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  const text: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENAMETOOLONG: 'the name is too long',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'is a folder; allowed a file path',
    ELOOP: 'too many symbolic links',
    EEXIST: 'exists',
  };
  return code
    ? `${text[code] ?? (error instanceof Error ? error.message : String(error))} (${code})`
    : error instanceof Error
      ? error.message
      : String(error);
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The closest existing ancestor of `path` (itself included). */
function existingAncestor(path: string): string {
  let current = path;
  for (;;) {
    if (statOrUndefined(current)) return current;
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
}

function temporaryName(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** Creates and removes a probe file in `folder`; throws the file-system error. */
function probe(folder: string): void {
  const file = join(folder, `.adamscope-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(file, 'wx');
  closeSync(fd);
  unlinkSync(file);
}

/**
 * Checks, before any work, that `path` can be written as a `kind` (a file, or a folder of
 * files): it is not empty, not under /proc, /sys or /dev, not a folder where a file is
 * expected (nor a file where a folder is), and the folder that will hold it exists or can be
 * created and accepts new files. Throws an `OutputError` naming `flag`, the path and why.
 * Creates nothing (the probe file is removed at once).
 */
export function checkOutputPath(flag: string, path: string, kind: OutputKind = 'file'): void {
  if (path.trim() === '')
    throw new OutputError(flag, path, `an empty path; allowed a ${kind} path`);
  const absolute = resolve(path);
  const fail = (reason: string): never => {
    throw new OutputError(flag, path, reason);
  };
  const special = specialRoot(absolute);
  if (special) fail(`under ${special}, not a place for output files`);
  let ancestor: string;
  try {
    const stat = statOrUndefined(absolute);
    if (stat) {
      if (kind === 'file' && stat.isDirectory())
        fail(`is a folder; allowed a file path (e.g. ${join(path, 'result.json')})`);
      if (kind === 'folder' && !stat.isDirectory()) fail('is a file; allowed a folder');
      if (kind === 'file' && !stat.isFile()) fail('is not a regular file');
    }
    ancestor = existingAncestor(kind === 'file' ? dirname(absolute) : absolute);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    return fail(reasonOf(error));
  }
  let real: string;
  try {
    real = realpathSync(ancestor);
  } catch (error) {
    return fail(reasonOf(error));
  }
  const specialReal = specialRoot(real);
  if (specialReal) fail(`under ${specialReal} (through ${ancestor}), not a place for output files`);
  if (!statSync(real).isDirectory())
    fail(`${ancestor} is a file, so no folder can be created under it`);
  try {
    probe(real);
  } catch (error) {
    fail(`cannot create files in ${ancestor}: ${reasonOf(error)}`);
  }
}

/** Checks several outputs and that no two of them are the same path. */
export function checkOutputPaths(
  outputs: readonly { flag: string; path: string; kind?: OutputKind }[],
): void {
  const seen = new Map<string, string>();
  for (const { flag, path, kind } of outputs) {
    checkOutputPath(flag, path, kind ?? 'file');
    const absolute = resolve(path);
    const other = seen.get(absolute);
    if (other) throw new OutputError(flag, path, `is also the path of ${other}`);
    seen.set(absolute, flag);
  }
}

/** mkdir -p, refusing the pseudo file systems (mkdir -p can spin on procfs). */
function makeFolder(flag: string, path: string, folder: string): void {
  const absolute = resolve(folder);
  const special = specialRoot(absolute);
  if (special)
    throw new OutputError(flag, path, `under ${special}, not a place for output files`, 'write');
  mkdirSync(absolute, { recursive: true });
}

function writeWhole(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.byteLength)
      written += writeSync(fd, bytes, written, bytes.byteLength - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes every file to a temporary sibling, then renames them all into place (synchronously,
 * so no signal handler runs between the renames). On an error nothing is renamed and the
 * temporaries are removed; the `OutputError` names the flag and the path.
 */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const temporaries: { flag: string; path: string; temporary: string }[] = [];
  try {
    for (const file of files) {
      try {
        makeFolder(file.flag, file.path, dirname(file.path));
        const temporary = temporaryName(file.path);
        pending.add(temporary);
        temporaries.push({ flag: file.flag, path: file.path, temporary });
        writeWhole(temporary, file.data);
      } catch (error) {
        if (error instanceof OutputError) throw error;
        throw new OutputError(file.flag, file.path, reasonOf(error), 'write');
      }
    }
    for (const { flag, path, temporary } of temporaries) {
      try {
        renameSync(temporary, path);
        pending.delete(temporary);
      } catch (error) {
        throw new OutputError(flag, path, reasonOf(error), 'write');
      }
    }
  } finally {
    for (const { temporary } of temporaries) {
      if (!pending.has(temporary)) continue;
      pending.delete(temporary);
      try {
        unlinkSync(temporary);
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Writes the files of a folder together: a new folder is filled under a temporary name and
 * renamed into place; into an existing folder the files are written as temporaries and
 * renamed together (other files of that folder are left alone).
 */
export function writeFolderAtomically(
  flag: string,
  folder: string,
  files: readonly { name: string; data: string | Uint8Array }[],
): string[] {
  const paths = files.map((f) => join(folder, f.name));
  if (statOrUndefined(folder)) {
    writeFilesAtomically(files.map((f, i) => ({ flag, path: paths[i] ?? '', data: f.data })));
    return paths;
  }
  const parent = dirname(resolve(folder));
  try {
    makeFolder(flag, folder, parent);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(flag, folder, reasonOf(error), 'write');
  }
  const temporary = temporaryName(resolve(folder));
  pending.add(temporary);
  try {
    mkdirSync(temporary);
    for (const f of files) writeWhole(join(temporary, f.name), f.data);
    renameSync(temporary, folder);
    pending.delete(temporary);
  } catch (error) {
    throw new OutputError(flag, folder, reasonOf(error), 'write');
  } finally {
    if (pending.has(temporary)) {
      pending.delete(temporary);
      rmSync(temporary, { recursive: true, force: true });
    }
  }
  return paths;
}

/**
 * Removes the temporaries of writes in progress (synchronous: for a signal handler that
 * exits the process at once, so no `.tmp-` file is left behind).
 */
export function removePendingTemporaries(): void {
  for (const path of pending) {
    try {
      if (lstatSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
      else unlinkSync(path);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

/** Writes a text file atomically, creating its folder. */
export async function writeText(path: string, text: string, flag = 'path'): Promise<void> {
  writeFilesAtomically([{ flag, path, data: text }]);
  await Promise.resolve();
}

/** Writes `data` as indented JSON, atomically, creating the folder. */
export async function writeJson(path: string, data: unknown, flag = 'path'): Promise<void> {
  await writeText(path, JSON.stringify(data, null, 2) + '\n', flag);
}

/** The files of an experiment report: report.json, report.md and one SVG per figure. */
export function reportFiles(
  experiment: Experiment,
  outcome: ExperimentOutcome,
  meta: ReportMeta,
): { name: string; data: string | Uint8Array }[] {
  return [
    {
      name: 'report.json',
      data: JSON.stringify(reportJson(experiment, outcome, meta), null, 2) + '\n',
    },
    { name: 'report.md', data: reportMarkdown(experiment, outcome, meta) },
    ...outcome.figures.map((f) => ({ name: `${f.name}.svg`, data: f.svg })),
    ...(outcome.files ?? []),
  ];
}

/** Writes DIR/report.json, DIR/report.md and one SVG per figure, together or not at all. */
export async function writeReport(
  dir: string,
  experiment: Experiment,
  outcome: ExperimentOutcome,
  meta: ReportMeta,
  flag = '--out',
): Promise<string[]> {
  const paths = writeFolderAtomically(flag, dir, reportFiles(experiment, outcome, meta));
  await Promise.resolve();
  return paths;
}
