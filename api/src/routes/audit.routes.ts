import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AuditList, AuditQuery, type AuditEntry } from '@opscycle/domain';
import { auditModel } from '@opscycle/storage';
import { allow } from '../auth/access';
import { subtreeOf } from '../org/directory';

interface StoredAudit extends Omit<AuditEntry, 'id'> {
  _id: string;
}

export const auditRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    '/api/audit',
    {
      config: { access: allow(['opsAdmin', 'finance', 'hr']) },
      schema: {
        tags: ['audit'],
        description:
          'The append-only audit trail, newest first, filtered by actor, object, action and time range.',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (request) => {
      const q = request.query;
      // Every value below is a zod-parsed primitive: no caller-supplied operator reaches the filter.
      const filter: Record<string, unknown> = {};
      if (q.actorId) filter['actor.userId'] = q.actorId;
      if (q.objectType) filter['object.type'] = q.objectType;
      if (q.objectId) filter['object.id'] = q.objectId;
      if (q.action) filter.action = q.action;
      if (q.from || q.to)
        filter.at = { ...(q.from && { $gte: new Date(q.from) }), ...(q.to && { $lte: new Date(q.to) }) };
      const units = await app.org.units();
      const own = units.find((unit) => unit.id === request.user.orgUnitId);
      // Below the top of the org, a reader sees only what happened in their subtree.
      if (own?.parentId) filter.orgUnitId = { $in: subtreeOf(units, own.id).map((unit) => unit.id) };
      const rows = await auditModel(app.deps.connection)
        .find()
        .where(filter)
        .sort({ at: -1 })
        .limit(q.limit)
        .lean<StoredAudit[]>();
      return {
        // Entries written before the schema kept empty objects have no `details` at all.
        entries: rows.map(({ _id, at, details, ...rest }) => ({
          ...rest,
          id: _id,
          at: new Date(at).toISOString(),
          details: details ?? {},
        })),
      };
    },
  );
  done();
};
