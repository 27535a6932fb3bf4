// duckdb.mjs - the engine's peer: DuckDB loads the same extract and runs the same four
// indicator definitions in SQL, writing the same four files.
//
// usage: node duckdb.mjs ADMISSIONS.csv POPULATION.csv DIAGNOSIS_GROUPS.csv OUT_DIR THREADS
// Prints one line "timing NAME SECONDS" per phase (load, each indicator, total) on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [adm, pop, dxFile, outDir, threads] = process.argv.slice(2);
if (!threads) {
  console.error('usage: node duckdb.mjs ADMISSIONS.csv POPULATION.csv DX.csv OUT_DIR THREADS');
  process.exit(2);
}

const q = (s) => "'" + String(s).replaceAll("'", "''") + "'";

// The preventable prefixes, grouped by length: left(upper(dx), L) IN (...) for each L.
const lines = readFileSync(dxFile, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
const head = lines[0].split(',');
const col = head.indexOf('prefix');
const byLen = new Map();
for (const line of lines.slice(1)) {
  const p = line.split(',')[col].trim().toUpperCase();
  if (!byLen.has(p.length)) byLen.set(p.length, []);
  byLen.get(p.length).push(q(p));
}
const preventable = [...byLen.entries()]
  .map(([len, ps]) => `left(upper(primary_diagnosis), ${len}) IN (${ps.join(', ')})`)
  .join(' OR ');

const load = [
  `CREATE TABLE adm AS SELECT * FROM read_csv(${q(adm)}, header = true, delim = ',',
     quote = '"', columns = {'admission_id': 'UBIGINT', 'person_id': 'UBIGINT',
     'municipality_code': 'INTEGER', 'birth_year': 'INTEGER', 'sex': 'VARCHAR',
     'admit_date': 'DATE', 'discharge_date': 'DATE', 'acute': 'INTEGER',
     'department_specialty': 'VARCHAR', 'primary_diagnosis': 'VARCHAR',
     'hospital_code': 'VARCHAR'})`,
  `CREATE TABLE pop AS SELECT * FROM read_csv(${q(pop)}, header = true,
     columns = {'municipality_code': 'INTEGER', 'year': 'INTEGER', 'pop65': 'BIGINT'})`,
];

const queries = {
  admissions_monthly: `
    SELECT municipality_code, year(admit_date) AS year, month(admit_date) AS month,
           count(*) AS admissions, sum(discharge_date - admit_date) AS bed_days
    FROM adm GROUP BY ALL ORDER BY 1, 2, 3`,
  readmissions_65: `
    WITH o AS (
      SELECT municipality_code, year(admit_date) AS year, year(admit_date) - birth_year AS age,
             discharge_date,
             min(CASE WHEN acute = 1 THEN admit_date END) OVER (
               PARTITION BY person_id ORDER BY admit_date, admission_id
               ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_acute
      FROM adm)
    SELECT municipality_code, year, count(*) AS index_admissions,
           count(*) FILTER (WHERE next_acute - discharge_date BETWEEN 0 AND 30)
             AS readmissions_30d
    FROM o WHERE age >= 65 GROUP BY ALL ORDER BY 1, 2`,
  preventable_65: `
    SELECT municipality_code, year(admit_date) AS year,
           count(*) FILTER (WHERE acute = 1 AND (${preventable})) AS preventable_admissions
    FROM adm WHERE year(admit_date) - birth_year >= 65 GROUP BY ALL ORDER BY 1, 2`,
  bed_days_per_1000_65: `
    WITH b AS (
      SELECT municipality_code, year(admit_date) AS year,
             sum(discharge_date - admit_date) AS bed
      FROM adm WHERE year(admit_date) - birth_year >= 65 GROUP BY ALL),
    j AS (
      SELECT p.municipality_code, p.year, coalesce(b.bed, 0) AS bed_days_65, p.pop65
      FROM pop p LEFT JOIN b ON b.municipality_code = p.municipality_code AND b.year = p.year)
    SELECT municipality_code, year, bed_days_65, pop65,
           CASE WHEN pop65 > 0 THEN
             printf('%d.%02d', ((200000 * bed_days_65 + pop65) // (2 * pop65)) // 100,
                               ((200000 * bed_days_65 + pop65) // (2 * pop65)) % 100)
           END AS bed_days_per_1000_65
    FROM j ORDER BY 1, 2`,
};

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await instance.connect();
const t0 = performance.now();
let t = t0;
const lap = (name) => {
  const now = performance.now();
  console.log(`timing ${name} ${((now - t) / 1000).toFixed(4)}`);
  t = now;
};
for (const sql of load) await con.run(sql);
lap('load');
for (const [name, sql] of Object.entries(queries)) {
  await con.run(`COPY (${sql}) TO ${q(`${outDir}/${name}.csv`)} (HEADER, DELIMITER ',')`);
  lap(name);
}
t = t0;
lap('total');
