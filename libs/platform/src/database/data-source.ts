import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { dataSourceOptions } from './data-source-options';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:*`). The apps build theirs
 * from the same `dataSourceOptions`, so there is one definition of the connection.
 */
export default new DataSource(dataSourceOptions(loadEnv()));
