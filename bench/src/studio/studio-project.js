// @ts-check
/**
 * The project the studio measurement opens: one sequence of 500 mediators (counting nested ones),
 * in blocks of ten that mix what real sequences hold: property, log with properties, filter with
 * then/else, and in/out containers.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const BIG_SEQUENCE = 'bigSeq';
/** The studio's key of the sequence (its project file). */
export const BIG_SEQUENCE_KEY = `artifacts/sequences/${BIG_SEQUENCE}.xml`;
/** Mediators per block, top-level entries per block. */
const PER_BLOCK = 10;
const TOP_PER_BLOCK = 5;

/**
 * One block: 10 mediators, 5 of them at the top level.
 * @param {number} i
 */
function block(i) {
  return `    <property name="step${i}" value="${i}" scope="default" type="STRING"/>
    <log level="custom">
        <property name="step" value="${i}"/>
        <property name="order" expression="json-eval($.order.id)"/>
    </log>
    <filter source="json-eval($.order.status)" regex="open${i}">
        <then>
            <property name="branch" value="then${i}"/>
            <log level="simple"/>
        </then>
        <else>
            <property name="branch" value="else${i}"/>
        </else>
    </filter>
    <in>
        <property name="OUT_ONLY" value="true"/>
    </in>
    <out>
        <log level="full"/>
    </out>
`;
}

/**
 * Writes the project.
 * @param {string} dir
 * @param {{ mediators?: number }} [o]
 * @returns {Promise<{ mediators: number, topLevel: number, file: string }>}
 */
export async function writeStudioProject(dir, o = {}) {
  const blocks = Math.ceil((o.mediators ?? 500) / PER_BLOCK);
  const body = Array.from({ length: blocks }, (_, i) => block(i)).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="${BIG_SEQUENCE}" xmlns="http://ws.apache.org/ns/synapse">
${body}</sequence>
`;
  const file = path.join(dir, 'artifacts/sequences', `${BIG_SEQUENCE}.xml`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, xml);
  // Started with --no-deploy: nothing listens, but the project still reads like a normal one.
  await writeFile(path.join(dir, 'deployment.toml'), '[server]\noffset = 10\n');
  return { mediators: blocks * PER_BLOCK, topLevel: blocks * TOP_PER_BLOCK, file };
}
