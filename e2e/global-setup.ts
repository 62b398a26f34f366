import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CLIENT_DIR } from './support/paths.js';
import { buildServer, type ServerProcess, startServerProcess } from './support/server-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: ServerProcess | null = null;

/** Builds the client and the server as users get them and starts one real server for the specs. */
export async function setup(project: TestProject): Promise<void> {
  // A production build in its own process: vitest's NODE_ENV=test would give a dev build.
  const vite = path.join(CLIENT_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: CLIENT_DIR,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  buildServer();
  server = await startServerProcess();
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
