import { defineConfig } from 'vitest/config';

// Browser journeys: one real server (npm start path) on a throwaway data directory, Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/server.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // A journey waits for what the user would see; vitest's 1 s default for expect.poll is shorter than one
    // server round trip on a loaded CI machine (a CI run lost the sharing journey to it after a successful approve).
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
