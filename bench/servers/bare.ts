import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify from 'fastify';
import { noticeInput } from '../../src/http/schemas/notice.ts';
import { createPool } from '../../src/store/pool.ts';
import { loadTenantDirectory } from '../../src/tenancy/directory.ts';

/**
 * The baseline: plain Fastify whose route validates the same body with ajv (the envelope and the
 * vacancy's fields schema) and does one INSERT. No keys, no rules, no planning.
 */
const [databaseUrl = '', port = '0'] = process.argv.slice(2);
const pool = createPool(databaseUrl);
await pool.query('CREATE TABLE IF NOT EXISTS bare_notices (id bigserial PRIMARY KEY, body jsonb NOT NULL)');
const vacancy = loadTenantDirectory('config', 'rules').get('asnes')?.rules.get('vacancy');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addFormat('local-date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
const validate = ajv.compile({ ...noticeInput, $id: undefined, properties: { ...noticeInput.properties, fields: vacancy?.fields ?? {} } });

const app = Fastify();
app.post('/v1/notices', async (request, reply) => {
  if (!validate(request.body)) return reply.code(422).send({ errors: validate.errors });
  const { rows } = await pool.query<{ id: number }>('INSERT INTO bare_notices (body) VALUES ($1) RETURNING id', [request.body]);
  return reply.code(201).send({ id: rows[0]?.id });
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.send?.('ready');
// Exit cleanly on the runner's SIGTERM, so a --cpu-prof profile gets written.
process.on('SIGTERM', () => process.exit(0));
