/**
 * The boundaries between Torg's parts, checked in lint (`npm test` runs it with the linter):
 * `shared` stands alone, the board editor knows nothing of workshops, the sync core knows
 * nothing of the workshop rules, storage knows nothing above it, and nothing imports in a
 * circle (README, "Layout").
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is imported by client and server; it imports neither.',
      severity: 'error',
      from: { path: '^shared/src' },
      to: { path: '^(client|server|e2e|bench)/' },
    },
    {
      name: 'board-editor-without-workshops',
      comment:
        'The board editor works on any board; workshop features plug into it, not the reverse.',
      severity: 'error',
      from: { path: '^client/src/board' },
      to: { path: '^client/src/workshop' },
    },
    {
      name: 'client-sync-below-features',
      comment:
        'client/src/sync keeps documents in step with the server; board and workshop build on it.',
      severity: 'error',
      from: { path: '^client/src/sync' },
      to: { path: '^client/src/(?!sync)' },
    },
    {
      name: 'sync-without-workshop-rules',
      comment:
        'The sync core moves documents; who may do what is decided in workshops/ and handed in.',
      severity: 'error',
      from: { path: '^server/src/sync' },
      to: { path: '^server/src/(workshops|routes|accounts|export)' },
    },
    {
      name: 'storage-below-everything',
      comment: 'Storage is the bottom layer: it imports nothing else of the server.',
      severity: 'error',
      from: { path: '^server/src/storage' },
      to: { path: '^server/src/(?!storage)' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make modules impossible to understand (or test) on their own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
