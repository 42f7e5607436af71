import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
// Not in TypeORM's index; the same helper its query builder names columns with.
import { DriverUtils } from 'typeorm/driver/DriverUtils';

/**
 * A SELECT of whole entities built once with TypeORM's query builder, then run as plain SQL
 * and hydrated from the entity metadata. For hot read paths: building the SQL (aliases,
 * escaping, property-name replacement) is most of what the query builder costs per request,
 * and the text never changes. Hydration goes through the driver's own `prepareHydratedValue`
 * and each column's `setEntityValue`, as TypeORM's does, so the entities come out the same.
 *
 * Only plain column selects of the main alias are supported (no joins or relation loading);
 * the query builder may add columns, conditions, ordering and locks. `parameterNames` are
 * its parameters in the order it numbers them; `one` and `many` take their values so.
 */
export class CompiledSelect<T extends ObjectLiteral> {
  private readonly sql: string;
  private readonly metadata: EntityMetadata;
  private readonly columns: { key: string; hydrate: (entity: T, raw: unknown) => void }[];

  constructor(
    dataSource: DataSource,
    qb: SelectQueryBuilder<T>,
    parameterNames: readonly string[],
  ) {
    const alias = qb.expressionMap.mainAlias;
    if (!alias?.hasMetadata || qb.expressionMap.joinAttributes.length > 0) {
      throw new Error('CompiledSelect supports a single entity without joins');
    }
    const [sql, params] = qb.getQueryAndParameters();
    // The builder numbers parameters by first use; they must be exactly the declared names.
    const order = Object.keys(qb.getParameters()).filter((k) => parameterNames.includes(k));
    if (params.length !== parameterNames.length || order.join() !== parameterNames.join()) {
      throw new Error(`CompiledSelect: parameters must be ${parameterNames.join(', ')}`);
    }
    this.sql = sql;
    this.metadata = alias.metadata;
    // The columns TypeORM selects, under the aliases it gives them (as its
    // buildEscapedEntityColumnSelects does for a main alias and added columns).
    const selections = new Set(qb.expressionMap.selects.map((s) => s.selection));
    const driver = dataSource.driver;
    this.columns = alias.metadata.columns
      .filter(
        (c) =>
          (selections.has(alias.name) && c.isSelect) ||
          selections.has(`${alias.name}.${c.propertyPath}`),
      )
      .map((c) => ({
        key: DriverUtils.buildAlias(driver, undefined, alias.name, c.databaseName),
        hydrate: (entity: T, raw: unknown) => {
          if (raw === undefined) return;
          c.setEntityValue(entity, driver.prepareHydratedValue(raw, c));
        },
      }));
  }

  /** Rows as entities, in the query's order. */
  async many(manager: EntityManager, ...params: unknown[]): Promise<T[]> {
    const rows: Record<string, unknown>[] = await manager.query(this.sql, params);
    return rows.map((row) => {
      const entity = this.metadata.create() as T;
      for (const c of this.columns) c.hydrate(entity, row[c.key]);
      return entity;
    });
  }

  async one(manager: EntityManager, ...params: unknown[]): Promise<T | null> {
    return (await this.many(manager, ...params))[0] ?? null;
  }
}
