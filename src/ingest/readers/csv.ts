/** Any other table whose header names its metrics: the last table dialect asked, it takes every table. */
import { readTableAs, type Reader } from '../input.js';

export const csv: Reader = {
  name: 'csv',
  aliases: [],
  about: 'any other delimited table with a header of metric names',
  header: () => true,
  read: (input) => readTableAs(input, 'csv'),
};
