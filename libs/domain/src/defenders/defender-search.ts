/** Case search uses the shared prefix search (the pickers search names with it too). */
export { SEARCH_TSQUERY_SQL, toPrefixTsquery } from '../shared/text-search';
