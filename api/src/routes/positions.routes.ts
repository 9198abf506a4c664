import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignPositionRequest,
  DomainError,
  isWithinScope,
  PositionHolderList,
  PositionHolderView,
  PositionListQuery,
  PositionParams,
  type AuthUser,
} from '@opscycle/domain';
import { appendAudit, assignPosition, loadPositionHolders, unassignPosition } from '@opscycle/storage';
import { allow, unitIn } from '../auth/access';

const tags = ['org'];
/** Who holds which position decides where approvals go: only ops admins manage it, in their subtree. */
const MANAGE = allow(['opsAdmin'], unitIn('params'));

const actor = (user: AuthUser) => ({ userId: user.id, role: user.role });

export const positionRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection } = app.deps;

  app.get(
    '/api/positions',
    {
      config: { access: allow(['opsAdmin']) },
      schema: {
        tags,
        description:
          'Holders of org positions (CFO, marketing head, …) at the units within the caller’s scope.',
        querystring: PositionListQuery,
        response: { 200: PositionHolderList },
      },
    },
    async (request) => {
      const { position } = request.query;
      const [units, holders] = await Promise.all([
        app.org.units(),
        loadPositionHolders(connection, position ? [position] : undefined),
      ]);
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      const inScope = holders.filter((h) => isWithinScope(units, request.user.orgUnitId, h.orgUnitId));
      const views = await Promise.all(
        inScope.map(async (h): Promise<PositionHolderView> => ({
          ...h,
          personName: (await app.org.person(h.personId))?.name ?? h.personId,
          unitName: unitName.get(h.orgUnitId) ?? h.orgUnitId,
        })),
      );
      return { holders: views };
    },
  );

  app.put(
    '/api/org/units/:orgUnitId/positions/:position',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        description:
          'Makes a person the holder of a position at the unit, replacing the previous holder (audited). ' +
          'Approval steps naming the position route to them from then on.',
        params: PositionParams,
        body: AssignPositionRequest,
        response: { 200: PositionHolderView },
      },
    },
    async (request) => {
      const { orgUnitId, position } = request.params;
      const { personId } = request.body;
      const units = await app.org.units();
      const person = await app.org.person(personId);
      // A person outside the caller's subtree is as unknown to them as a missing one.
      if (!person || !isWithinScope(units, request.user.orgUnitId, person.orgUnitId))
        throw new DomainError('POSITION_PERSON_NOT_FOUND', `no person ${personId} in your scope`, {
          personId,
        });
      const at = new Date();
      const { previousPersonId } = await assignPosition(
        connection,
        { orgUnitId, position, personId },
        { userId: request.user.id, at },
      );
      if (previousPersonId !== personId)
        await appendAudit(connection, {
          id: `position.assigned:${orgUnitId}:${position}:${personId}:${at.getTime()}`,
          at,
          actor: actor(request.user),
          action: 'position.assigned',
          object: { type: 'position', id: `${orgUnitId}:${position}` },
          orgUnitId,
          details: { position, personId, previousPersonId },
        });
      const unit = units.find((u) => u.id === orgUnitId);
      return { orgUnitId, position, personId, personName: person.name, unitName: unit?.name ?? orgUnitId };
    },
  );

  app.delete(
    '/api/org/units/:orgUnitId/positions/:position',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        description:
          'Leaves the position vacant at the unit (audited). A published rule naming it routes to the ' +
          'nearest holder above, or fails the approval start naming position and unit.',
        params: PositionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { orgUnitId, position } = request.params;
      const removed = await unassignPosition(connection, orgUnitId, position);
      if (!removed)
        throw new DomainError('POSITION_NOT_FOUND', `nobody holds ${position} at ${orgUnitId}`, {
          orgUnitId,
          position,
        });
      const at = new Date();
      await appendAudit(connection, {
        id: `position.unassigned:${orgUnitId}:${position}:${removed}:${at.getTime()}`,
        at,
        actor: actor(request.user),
        action: 'position.unassigned',
        object: { type: 'position', id: `${orgUnitId}:${position}` },
        orgUnitId,
        details: { position, personId: removed },
      });
      return reply.status(204).send(null);
    },
  );
  done();
};
