/**
 * Resource Manager below a subscription: resource groups (listed in pages, created by PUT,
 * deleted as a long-running operation polled through Location) and one test resource type,
 * Microsoft.LocalCloud/widgets, whose PUT is a long-running operation polled through
 * Azure-AsyncOperation, as most real resource providers do. Enough for REST clients to be tested
 * against both of ARM's long-running patterns and against paging, without Azure.
 *
 * State lives per Cloud object (a WeakMap), in memory: two emulators in one process share nothing,
 * and a restart starts clean. The caller has already been authenticated and checked against the
 * subscription by arm.ts.
 */
import type { Cloud } from './cloud.js';
import { ArmError } from './errors.js';
import { readJson, sendRawJson, send, type Ctx } from './http.js';

export interface SubscriptionRef {
  id: string;
}

interface ResourceGroup {
  name: string;
  location: string;
  tags: Record<string, string>;
  /** Set while a delete runs; the group is gone once the clock passes it. */
  deletingUntil?: number;
}

interface Widget {
  id: string;
  name: string;
  location: string;
  properties: Record<string, unknown>;
  /** When its creation finishes, and whether it then fails. */
  readyAt: number;
  fails: boolean;
}

interface Operation {
  id: string;
  kind: 'widget' | 'groupDelete';
  startedAt: number;
  doneAt: number;
  fails: boolean;
}

interface State {
  groups: Map<string, ResourceGroup>;
  widgets: Map<string, Widget>;
  operations: Map<string, Operation>;
}

const states = new WeakMap<Cloud, State>();
const PROVIDER = 'microsoft.localcloud';
/** Polls are asked to wait this long; tests keep operations short. */
const RETRY_AFTER_SECONDS = 1;
const MAX_PROVISIONING_SECONDS = 30;
const NAME = /^[-\w._()]{1,90}$/;

function stateOf(cloud: Cloud): State {
  let state = states.get(cloud);
  if (!state) states.set(cloud, (state = { groups: new Map(), widgets: new Map(), operations: new Map() }));
  return state;
}

const key = (...parts: string[]) => parts.map((p) => p.toLowerCase()).join('/');

function groupJson(subscriptionId: string, g: ResourceGroup, now: number): string {
  const state = g.deletingUntil !== undefined && now < g.deletingUntil ? 'Deleting' : 'Succeeded';
  return JSON.stringify({ id: `/subscriptions/${subscriptionId}/resourceGroups/${g.name}`, name: g.name, type: 'Microsoft.Resources/resourceGroups', location: g.location, tags: g.tags, properties: { provisioningState: state } });
}

function widgetJson(w: Widget, now: number): string {
  const provisioningState = now < w.readyAt ? 'Creating' : w.fails ? 'Failed' : 'Succeeded';
  return JSON.stringify({ id: w.id, name: w.name, type: 'Microsoft.LocalCloud/widgets', location: w.location, properties: { ...w.properties, provisioningState } });
}

function notFoundGroup(name: string): ArmError {
  return new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name.slice(0, 90)}' could not be found.`);
}

function bodyObject(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ArmError(400, 'InvalidRequestContent', 'The request content must be a JSON object.');
  return value as Record<string, unknown>;
}

function locationOf(body: Record<string, unknown>): string {
  if (typeof body.location !== 'string' || !/^[a-z0-9]{1,40}$/i.test(body.location)) throw new ArmError(400, 'LocationRequired', "The 'location' property is required and must be a region name such as 'eastus'.");
  return body.location.toLowerCase();
}

function newOperationId(): string {
  return crypto.randomUUID();
}

/** Groups that finished deleting are dropped before anyone looks. */
function sweep(state: State, now: number): void {
  for (const [k, g] of state.groups) {
    if (g.deletingUntil !== undefined && now >= g.deletingUntil) {
      state.groups.delete(k);
      for (const wk of state.widgets.keys()) if (wk.startsWith(`${k}/`)) state.widgets.delete(wk);
    }
  }
}

/**
 * Answers /subscriptions/{id}/<more>; returns false when the path is none of these, so arm.ts
 * answers 404 as it does for every other unknown path.
 */
export async function armResourceRoute(
  cloud: Cloud,
  ctx: Ctx,
  sub: SubscriptionRef,
  apiVersion: string,
  helpers: { page: (path: string, items: string[]) => string; headers: Record<string, string> },
): Promise<boolean> {
  const s = ctx.segments;
  const state = stateOf(cloud);
  const now = cloud.now();
  sweep(state, now);
  const rest = s.slice(2).map((x) => x.toLowerCase());
  const m = ctx.method;
  const base = cloud.baseUrl;
  const q = `api-version=${encodeURIComponent(apiVersion)}`;

  // /subscriptions/{id}/resourcegroups
  if (rest.length === 1 && rest[0] === 'resourcegroups') {
    if (m !== 'GET' && m !== 'HEAD') throw methodNotAllowed(m);
    const items = [...state.groups.entries()].filter(([k]) => k.startsWith(`${sub.id.toLowerCase()}/`)).map(([, g]) => groupJson(sub.id, g, now));
    sendRawJson(ctx, 200, helpers.page(`/subscriptions/${sub.id}/resourcegroups`, items), helpers.headers);
    return true;
  }

  // /subscriptions/{id}/resourcegroups/{name}
  if (rest.length === 2 && rest[0] === 'resourcegroups') {
    const name = s[3];
    if (!NAME.test(name)) throw new ArmError(400, 'InvalidResourceGroupName', `The resource group name '${name.slice(0, 100)}' is not valid.`);
    const k = key(sub.id, name);
    const existing = state.groups.get(k);
    if (m === 'GET' || m === 'HEAD') {
      if (!existing) throw notFoundGroup(name);
      sendRawJson(ctx, 200, groupJson(sub.id, existing, now), helpers.headers);
      return true;
    }
    if (m === 'PUT') {
      const body = bodyObject(await readJson(ctx, cloud.bodyLimit));
      const location = locationOf(body);
      const tags = body.tags && typeof body.tags === 'object' && !Array.isArray(body.tags) ? (body.tags as Record<string, string>) : {};
      if (existing?.deletingUntil !== undefined) throw new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`);
      const group: ResourceGroup = { name: existing?.name ?? name, location, tags };
      state.groups.set(k, group);
      sendRawJson(ctx, existing ? 200 : 201, groupJson(sub.id, group, now), helpers.headers);
      return true;
    }
    if (m === 'DELETE') {
      if (!existing) throw notFoundGroup(name);
      const op: Operation = { id: newOperationId(), kind: 'groupDelete', startedAt: now, doneAt: now + RETRY_AFTER_SECONDS * 1000, fails: false };
      state.operations.set(op.id, op);
      existing.deletingUntil = op.doneAt;
      send(ctx, 202, '', 'application/json; charset=utf-8', { ...helpers.headers, Location: `${base}/subscriptions/${sub.id}/operationresults/${op.id}?${q}`, 'Retry-After': String(RETRY_AFTER_SECONDS) });
      return true;
    }
    throw methodNotAllowed(m);
  }

  // /subscriptions/{id}/operationresults/{op}: the Location pattern (202 while running, then 200).
  if (rest.length === 2 && rest[0] === 'operationresults') {
    if (m !== 'GET') throw methodNotAllowed(m);
    const op = state.operations.get(rest[1]);
    if (!op) throw new ArmError(404, 'OperationNotFound', `The operation '${s[3].slice(0, 100)}' could not be found.`);
    if (now < op.doneAt) send(ctx, 202, '', 'application/json; charset=utf-8', { ...helpers.headers, Location: `${base}${ctx.path}?${q}`, 'Retry-After': String(RETRY_AFTER_SECONDS) });
    else send(ctx, 200, '', 'application/json; charset=utf-8', helpers.headers);
    return true;
  }

  // /subscriptions/{id}/providers/Microsoft.LocalCloud/locations/{loc}/operationStatuses/{op}
  if (rest.length === 6 && rest[0] === 'providers' && rest[1] === PROVIDER && rest[2] === 'locations' && rest[4] === 'operationstatuses') {
    if (m !== 'GET') throw methodNotAllowed(m);
    const op = state.operations.get(rest[5]);
    if (!op) throw new ArmError(404, 'OperationNotFound', `The operation '${s[7].slice(0, 100)}' could not be found.`);
    const done = now >= op.doneAt;
    const status = !done ? 'InProgress' : op.fails ? 'Failed' : 'Succeeded';
    const doc: Record<string, unknown> = { id: `/subscriptions/${sub.id}/providers/Microsoft.LocalCloud/locations/${rest[3]}/operationStatuses/${op.id}`, name: op.id, status, startTime: new Date(op.startedAt).toISOString() };
    if (done) doc.endTime = new Date(op.doneAt).toISOString();
    if (done && op.fails) doc.error = { code: 'WidgetProvisioningFailed', message: 'The widget could not be provisioned (it was asked to fail).' };
    sendRawJson(ctx, 200, JSON.stringify(doc), done ? helpers.headers : { ...helpers.headers, 'Retry-After': String(RETRY_AFTER_SECONDS) });
    return true;
  }

  // /subscriptions/{id}/resourcegroups/{rg}/providers/Microsoft.LocalCloud/widgets (paged)
  if (rest.length === 5 && rest[0] === 'resourcegroups' && rest[2] === 'providers' && rest[3] === PROVIDER && rest[4] === 'widgets') {
    if (m !== 'GET' && m !== 'HEAD') throw methodNotAllowed(m);
    const group = state.groups.get(key(sub.id, s[3]));
    if (!group || group.deletingUntil !== undefined) throw notFoundGroup(s[3]);
    const prefix = `${key(sub.id, s[3])}/`;
    const widgets = [...state.widgets.entries()].filter(([k]) => k.startsWith(prefix)).map(([, w]) => w);
    let doc = helpers.page(`/subscriptions/${sub.id}/resourceGroups/${group.name}/providers/Microsoft.LocalCloud/widgets`, widgets.map((w) => widgetJson(w, now)));
    // Test knob: a widget can make the list hand out a nextLink of its choosing (another origin, say),
    // to prove clients never follow one with their token.
    const planted = widgets.find((w) => typeof w.properties.testNextLink === 'string');
    if (planted) doc = JSON.stringify({ ...(JSON.parse(doc) as object), nextLink: planted.properties.testNextLink });
    sendRawJson(ctx, 200, doc, helpers.headers);
    return true;
  }

  // /subscriptions/{id}/resourcegroups/{rg}/providers/Microsoft.LocalCloud/widgets/{name}
  if (rest.length === 6 && rest[0] === 'resourcegroups' && rest[2] === 'providers' && rest[3] === PROVIDER && rest[4] === 'widgets') {
    const group = state.groups.get(key(sub.id, s[3]));
    if (!group || group.deletingUntil !== undefined) throw notFoundGroup(s[3]);
    const name = s[7];
    if (!NAME.test(name)) throw new ArmError(400, 'InvalidResourceName', `The resource name '${name.slice(0, 100)}' is not valid.`);
    const k = key(sub.id, s[3], name);
    const existing = state.widgets.get(k);
    const id = `/subscriptions/${sub.id}/resourceGroups/${group.name}/providers/Microsoft.LocalCloud/widgets/${existing?.name ?? name}`;
    if (m === 'GET' || m === 'HEAD') {
      if (!existing) throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.LocalCloud/widgets/${name.slice(0, 90)}' under resource group '${group.name}' was not found.`);
      sendRawJson(ctx, 200, widgetJson(existing, now), helpers.headers);
      return true;
    }
    if (m === 'PUT') {
      const body = bodyObject(await readJson(ctx, cloud.bodyLimit));
      const location = locationOf(body);
      const properties = body.properties && typeof body.properties === 'object' && !Array.isArray(body.properties) ? { ...(body.properties as Record<string, unknown>) } : {};
      // Tests choose how long provisioning takes and whether it fails.
      const seconds = Math.max(0, Math.min(Number(properties.provisioningSeconds ?? 1) || 0, MAX_PROVISIONING_SECONDS));
      const fails = properties.failProvisioning === true;
      const op: Operation = { id: newOperationId(), kind: 'widget', startedAt: now, doneAt: now + seconds * 1000, fails };
      state.operations.set(op.id, op);
      const widget: Widget = { id, name: existing?.name ?? name, location, properties, readyAt: op.doneAt, fails };
      state.widgets.set(k, widget);
      // Test knob: the operation URL can be planted (another origin, say), as a hostile provider could.
      const planted = typeof properties.testAsyncOperationUrl === 'string' ? properties.testAsyncOperationUrl : undefined;
      const asyncUrl = planted ?? `${base}/subscriptions/${sub.id}/providers/Microsoft.LocalCloud/locations/${location}/operationStatuses/${op.id}?${q}`;
      sendRawJson(ctx, existing ? 200 : 201, widgetJson(widget, now), { ...helpers.headers, 'Azure-AsyncOperation': asyncUrl, 'Retry-After': String(RETRY_AFTER_SECONDS) });
      return true;
    }
    if (m === 'DELETE') {
      if (!existing) {
        send(ctx, 204, '', 'application/json; charset=utf-8', helpers.headers);
        return true;
      }
      state.widgets.delete(k);
      send(ctx, 200, '', 'application/json; charset=utf-8', helpers.headers);
      return true;
    }
    throw methodNotAllowed(m);
  }
  return false;
}

function methodNotAllowed(method: string): ArmError {
  return new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
}
