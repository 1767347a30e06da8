import type { Express, NextFunction, Request, Response } from 'express';
import { demoErrorBody } from './demo-error.body.js';

/** The parts of Express's router this middleware reads: its layers and their routes' methods. */
interface RouteLayer {
  match(path: string): boolean;
  route?: { _methods(includeAll: boolean): string[] };
}

/**
 * Answers 405 with `Allow` when a route exists for the path but not for the method (Express
 * would fall through to 404). Reads the routes at request time, once Nest has registered them.
 */
export function methodNotAllowed(express: Express) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stack = (express as unknown as { router?: { stack: RouteLayer[] } }).router?.stack ?? [];
    const allowed = new Set<string>();
    for (const layer of stack) {
      if (layer.route && layer.match(req.path)) {
        for (const method of layer.route._methods(true)) allowed.add(method.toUpperCase());
      }
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (allowed.size === 0 || allowed.has(method) || allowed.has('*') || req.method === 'OPTIONS') {
      next();
      return;
    }
    res
      .status(405)
      .set('Allow', [...allowed].sort().join(', '))
      .json(
        demoErrorBody(405, 'method_not_allowed', `${req.method} is not allowed on ${req.path}`),
      );
  };
}
