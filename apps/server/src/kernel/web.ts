import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Serves the built web app; returns the SPA fallback for client-side routes, or null when there is no build. */
export async function registerWeb(app: FastifyInstance, distDir: string): Promise<((req: FastifyRequest, reply: FastifyReply) => unknown) | null> {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return null;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders(reply, filePath) {
      // Vite fingerprints assets, so they can be cached for good; index.html must not be.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  return (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
}
