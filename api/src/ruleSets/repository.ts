import type mongoose from 'mongoose';
import {
  API_ERROR_CODES,
  DomainError,
  RuleGraph,
  canonicalJson,
  type AuthUser,
  type RuleSetKind,
  type RuleSetVersion,
} from '@opscycle/domain';
import { publishRuleSetVersion } from '@opscycle/rules';
import {
  appendAudit,
  draftGraphOf,
  loadPositionHolders,
  ruleSetDraftModel,
  ruleSetVersionModel,
  ruleSetVersionOf,
  storeRuleSetVersion,
  type RuleSetDraftRecord,
} from '@opscycle/storage';

const isDuplicate = (error: unknown) => (error as { code?: number }).code === 11000;

/** Drafts and immutable published versions of rule sets. */
export function ruleSetRepository(connection: mongoose.Connection) {
  const drafts = ruleSetDraftModel(connection);
  const versions = ruleSetVersionModel(connection);

  async function draft(id: string): Promise<RuleSetDraftRecord> {
    const record = await drafts.findById(id).lean();
    if (!record) throw new DomainError('RULE_SET_NOT_FOUND', `no rule set ${id}`, { ruleSetId: id });
    return record;
  }

  async function latestVersion(id: string): Promise<RuleSetVersion | undefined> {
    const [record] = await versions.find({ ruleSetId: id }).sort({ version: -1 }).limit(1).lean();
    return record && ruleSetVersionOf(record);
  }

  async function version(id: string, number: number): Promise<RuleSetVersion> {
    const record = await versions.findById(`${id}@${number}`).lean();
    if (!record)
      throw new DomainError('RULE_SET_VERSION_NOT_FOUND', `rule set ${id} has no version ${number}`, {
        ruleSetId: id,
        version: number,
      });
    return ruleSetVersionOf(record);
  }

  /**
   * A route naming a position nobody in the org holds would fail every approval it fires for:
   * refused at publication, naming the position and the node. (Who holds it at the requester's
   * unit is known only when an approval starts, which fails naming the unit.)
   */
  async function refuseUnheldPositions(graph: RuleGraph): Promise<void> {
    const named = graph.nodes.flatMap((node) =>
      node.kind === 'routeOutcome'
        ? node.data.approvers.flatMap((step) =>
            step.position ? [{ position: step.position, nodeId: node.id }] : [],
          )
        : [],
    );
    if (named.length === 0) return;
    const held = new Set(
      (await loadPositionHolders(connection, [...new Set(named.map((n) => n.position))])).map(
        (h) => h.position,
      ),
    );
    const unheld = named.filter((n) => !held.has(n.position));
    if (unheld.length > 0)
      throw new DomainError(
        'RULE_SET_POSITION_UNHELD',
        unheld.map((n) => `node ${n.nodeId}: position ${n.position} is held at no org unit`).join('; '),
        { ruleSetId: graph.id, unheld },
      );
  }

  return {
    draft,
    version,
    latestVersion,
    draftGraph: async (id: string) => draftGraphOf(await draft(id)),

    async list(kind?: RuleSetKind) {
      const filter: Record<string, string> = kind ? { kind } : {};
      const records = await drafts.find().where(filter).sort({ _id: 1 }).lean();
      const published = await versions.find({}, { ruleSetId: 1, version: 1 }).lean();
      const latest = new Map<string, number>();
      for (const v of published) latest.set(v.ruleSetId, Math.max(latest.get(v.ruleSetId) ?? 0, v.version));
      return records.map((r) => ({
        id: r._id,
        kind: r.kind,
        name: r.name,
        draftVersion: r.draftVersion,
        publishedVersion: latest.get(r._id) ?? null,
      }));
    },

    async create(graph: RuleGraph, user: AuthUser): Promise<RuleGraph> {
      const parsed = RuleGraph.parse({ ...graph, version: 1 });
      try {
        await drafts.create({
          _id: parsed.id,
          kind: parsed.kind,
          name: parsed.name,
          draftVersion: 1,
          graphJson: canonicalJson(parsed),
          updatedAt: new Date(),
          updatedBy: user.id,
        });
      } catch (error) {
        if (isDuplicate(error))
          throw new DomainError('RULE_SET_ALREADY_EXISTS', `rule set ${parsed.id} exists`, {
            ruleSetId: parsed.id,
          });
        throw error;
      }
      return parsed;
    },

    /**
     * Saves a draft over the revision the editor loaded (`graph.version`); someone else's save in
     * between is a conflict, not a silent overwrite. Returns the draft with its new revision.
     */
    async save(id: string, graph: RuleGraph, user: AuthUser): Promise<RuleGraph> {
      const current = await draft(id);
      if (graph.id !== id)
        throw new DomainError('RULE_SET_ID_MISMATCH', `the graph's id ${graph.id} is not ${id}`);
      if (graph.kind !== current.kind)
        throw new DomainError('RULE_SET_KIND_MISMATCH', `rule set ${id} is a ${current.kind} rule set`);
      const next = RuleGraph.parse({ ...graph, version: graph.version + 1 });
      const result = await drafts.updateOne(
        { _id: id, draftVersion: graph.version },
        {
          $set: {
            name: next.name,
            draftVersion: next.version,
            graphJson: canonicalJson(next),
            updatedAt: new Date(),
            updatedBy: user.id,
          },
        },
      );
      if (result.matchedCount === 0)
        throw new DomainError(
          'RULE_SET_DRAFT_CONFLICT',
          `the draft is at revision ${current.draftVersion}, you edited revision ${graph.version}: reload it`,
          { ruleSetId: id, draftVersion: current.draftVersion },
        );
      return next;
    },

    /** Discards the draft: back to the latest published graph, or the whole rule set if never published. */
    async discard(id: string, user: AuthUser): Promise<RuleGraph | null> {
      const current = await draft(id);
      const latest = await latestVersion(id);
      if (!latest) {
        await drafts.deleteOne({ _id: id });
        return null;
      }
      const restored = RuleGraph.parse({ ...latest.graph, version: current.draftVersion + 1 });
      await drafts.updateOne(
        { _id: id },
        {
          $set: {
            name: restored.name,
            draftVersion: restored.version,
            graphJson: canonicalJson(restored),
            updatedAt: new Date(),
            updatedBy: user.id,
          },
        },
      );
      return restored;
    },

    /**
     * Publishes the reviewed draft revision as the next immutable version (validated, compiled,
     * checksummed by `rules`), and records it in the audit trail.
     */
    async publish(id: string, draftVersion: number, user: AuthUser): Promise<RuleSetVersion> {
      const current = await draft(id);
      if (current.draftVersion !== draftVersion)
        throw new DomainError(
          'RULE_SET_DRAFT_CONFLICT',
          `the draft is at revision ${current.draftVersion}, you reviewed revision ${draftVersion}`,
          { ruleSetId: id, draftVersion: current.draftVersion },
        );
      const number = ((await latestVersion(id))?.version ?? 0) + 1;
      await refuseUnheldPositions(draftGraphOf(current));
      const published = publishRuleSetVersion({
        graph: draftGraphOf(current),
        version: number,
        publishedBy: user.id,
        publishedAt: new Date(),
      });
      try {
        await storeRuleSetVersion(connection, published);
      } catch (error) {
        if (isDuplicate(error))
          throw new DomainError(
            API_ERROR_CODES.conflict,
            `version ${number} of ${id} was just published by someone else`,
          );
        throw error;
      }
      await appendAudit(connection, {
        id: `ruleSet.published:${id}@${number}`,
        at: new Date(published.publishedAt),
        actor: { userId: user.id, role: user.role },
        action: 'ruleSet.published',
        object: { type: 'ruleSet', id },
        orgUnitId: user.orgUnitId,
        details: { version: number, checksum: published.checksum, kind: published.kind, draftVersion },
      });
      return published;
    },

    async versions(id: string) {
      await draft(id);
      const records = await versions.find({ ruleSetId: id }).sort({ version: -1 }).lean();
      return records.map(ruleSetVersionOf);
    },
  };
}
