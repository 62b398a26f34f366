export { createApp } from './app.js';
export { defaultConfig, type ServerConfig } from './config.js';
export { type Logger, memoryLogger, silentLogger } from './logger.js';
export { type RunningServer, startServer } from './server.js';
export { SqliteStorage } from './storage/sqlite-storage.js';
export type { DocStorage } from './storage/storage.js';
