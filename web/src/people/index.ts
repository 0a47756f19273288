// Finding a person of the ledger by name, key or e-mail: the picker, and the search behind it.
export { PersonPicker } from './PersonPicker';
export { PEOPLE_HINT, PEOPLE_MIN_QUERY, searchPeople } from './queries';
