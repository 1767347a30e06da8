import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { HOST_METADATA, VERSION_METADATA } from './nest-metadata.keys.js';
import { DiscoveryService } from '@nestjs/core';
import type { ConfigurationProblem } from './errors/configuration.error.js';
import { AliexpressConfigurationError } from './errors/aliexpress.errors.js';

const ROUTE_OWNER = Symbol('ALIEXPRESS_ROUTE_OWNER');

/** The routes one registration's controller answers, and the option that sets their path. */
export interface RegistrationRoutes {
  /** The registration's app key: how an error names it. */
  appKey: string;
  /** `callbackPath` for the OAuth routes, `webhookPath` for the webhook. */
  option: 'callbackPath' | 'webhookPath';
  /** Each as `<METHOD> /<path>`, e.g. `POST /aliexpress/webhook`. */
  routes: string[];
}

/**
 * Records on a registration's controller class the routes it answers, once its path is known (the
 * route binding factories call it), so {@link RegistrationRoutesCheck} can find clashes.
 */
export function recordRoutes(controller: Type<unknown>, routes: RegistrationRoutes): void {
  Reflect.defineMetadata(ROUTE_OWNER, routes, controller);
}

/** Where the app answers a route: its host and version constraints too (`controllerDecorators` may set them). */
function routeKey(controller: Type<unknown>, route: string): string {
  const host: unknown = Reflect.getMetadata(HOST_METADATA, controller);
  const version: unknown = Reflect.getMetadata(VERSION_METADATA, controller);
  return JSON.stringify([route, host ?? null, version ?? null]);
}

/**
 * Refuses to start an app where two `AliexpressModule` registrations answer the same route (the
 * OAuth routes of one `callbackPath`, the webhook of one `webhookPath`): the platform would only
 * ever reach the first, silently. Runs at module init, once every registration's paths are
 * resolved (`forRootAsync` too), and throws one {@link AliexpressConfigurationError} naming the
 * routes and both registrations by app key.
 */
@Injectable()
export class RegistrationRoutesCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const problems = routeClashes(
      this.discovery
        .getControllers()
        .map((wrapper) => wrapper.metatype as Type<unknown> | undefined)
        .filter((type): type is Type<unknown> => typeof type === 'function'),
    );
    if (problems.length) throw new AliexpressConfigurationError({ problems });
  }
}

/** One problem per pair of registrations sharing routes, naming the routes and both app keys. */
export function routeClashes(controllers: Type<unknown>[]): ConfigurationProblem[] {
  const owners = new Map<string, Array<{ controller: Type<unknown>; owner: RegistrationRoutes }>>();
  for (const controller of new Set(controllers)) {
    const owner = Reflect.getOwnMetadata(ROUTE_OWNER, controller) as RegistrationRoutes | undefined;
    if (!owner) continue;
    for (const route of owner.routes) {
      const key = routeKey(controller, route);
      owners.set(key, [...(owners.get(key) ?? []), { controller, owner }]);
    }
  }
  // routes shared by the same two controllers are reported together
  const pairs = new Map<string, { option: string; names: string[]; routes: string[] }>();
  const ids = new Map<Type<unknown>, number>();
  const idOf = (controller: Type<unknown>) => {
    if (!ids.has(controller)) ids.set(controller, ids.size);
    return ids.get(controller) as number;
  };
  for (const [key, sharing] of owners) {
    const [route] = JSON.parse(key) as [string];
    for (let i = 1; i < sharing.length; i += 1) {
      const [first, other] = [sharing[0], sharing[i]];
      const pair = `${idOf(first.controller)}:${idOf(other.controller)}`;
      const entry = pairs.get(pair) ?? {
        option: first.owner.option,
        names: [first.owner.appKey, other.owner.appKey],
        routes: [],
      };
      entry.routes.push(route);
      pairs.set(pair, entry);
    }
  }
  return [...pairs.values()].map(({ option, names, routes }) => ({
    option,
    problem:
      `puts ${routes.sort().join(' and ')} on two registrations, app key ${names[0]} and ` +
      `app key ${names[1]}: only the first would ever answer; give each registration its own ` +
      `${option}${option === 'webhookPath' ? ' (or webhook: false on one)' : ' (or controller: false on one)'}`,
  }));
}
