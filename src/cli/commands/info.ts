import type { Backend } from '../../backend/index.ts';
import type { CliCommand } from '../command.ts';
import { checkOutputPath } from '../../node/files.ts';
import { backendOption } from '../options.ts';

/** `adamscope info`: the backend and adapter a run would use. */
export const infoCommand: CliCommand = {
  name: 'info',
  summary:
    'print the backend and adapter (name, vendor, architecture, software or hardware, key limits)',
  options: {},
  globals: ['backend', 'out'],
  help: { examples: ['adamscope info --backend webgpu --out adapter.json'] },
  async run(values, io) {
    const { backend, explicit } = backendOption(values);
    if (typeof values['out'] === 'string') checkOutputPath('--out', values['out']);
    const opened = await io.openBackend(backend, explicit);
    const report = describeBackend(opened);
    io.stdout(formatInfo(report));
    await io.writeJson(values, report);
    return 0;
  },
};

/** Plain object describing an opened backend (also embedded in every result JSON). */
export function describeBackend(backend: Backend): Record<string, unknown> {
  return { backend: backend.kind, adapter: backend.adapter, notices: backend.notices };
}

function formatInfo(report: Record<string, unknown>): string {
  const adapter = report['adapter'] as Record<string, unknown>;
  const lines = [
    `backend       ${String(report['backend'])}`,
    `adapter       ${String(adapter['label'])}`,
  ];
  for (const key of ['vendor', 'architecture', 'description', 'device']) {
    if (adapter[key] !== undefined) lines.push(`${key.padEnd(13)} ${String(adapter[key]) || '-'}`);
  }
  lines.push(`kind          ${adapter['isSoftware'] ? 'software' : 'hardware'}`);
  const limits = adapter['limits'] as Record<string, number> | undefined;
  if (limits) {
    for (const [key, value] of Object.entries(limits)) lines.push(`  ${key.padEnd(36)} ${value}`);
  }
  const features = adapter['features'] as string[] | undefined;
  if (features) lines.push(`features      ${features.join(', ')}`);
  return lines.join('\n');
}
