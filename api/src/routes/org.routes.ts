import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { OrgTree, OrgUnitParam, PeopleList, Person, PersonParam } from '@opscycle/domain';
import { allow, EVERYONE, STAFF, subject, unitIn } from '../auth/access';
import { subtreeOf } from '../org/directory';

export const orgRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    '/api/org/units',
    {
      config: { access: allow(EVERYONE) },
      schema: {
        tags: ['org'],
        description: 'The org units within the caller’s scope.',
        response: { 200: OrgTree },
      },
    },
    async (request) => ({ units: subtreeOf(await app.org.units(), request.user.orgUnitId) }),
  );

  app.get(
    '/api/org/units/:orgUnitId/people',
    {
      config: { access: allow(STAFF, unitIn('params')) },
      schema: {
        tags: ['org'],
        description: 'People of a unit and every unit below it.',
        params: OrgUnitParam,
        response: { 200: PeopleList },
      },
    },
    async (request) => {
      const ids = subtreeOf(await app.org.units(), request.params.orgUnitId).map((unit) => unit.id);
      return { people: await app.org.peopleIn(ids) };
    },
  );

  app.get(
    '/api/people/:personId',
    {
      config: {
        access: allow(
          EVERYONE,
          subject('person', async (request) => {
            const { personId } = PersonParam.parse(request.params);
            const person = await app.org.person(personId);
            return person && { orgUnitId: person.orgUnitId, personId: person.id };
          }),
        ),
      },
      schema: { tags: ['org'], params: PersonParam, response: { 200: Person } },
    },
    async (request) => (await app.org.person(request.params.personId))!,
  );
  done();
};
