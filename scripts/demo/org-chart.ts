import type { Random } from './prng';

/** A position and the teams that report to it. */
interface Unit {
  title: string;
  /** How many hold it, at least and at most. */
  n?: [number, number];
  /** Set at a department's head; the people below belong to it. */
  department?: string;
  reports?: Unit[];
}

const one = (title: string, reports?: Unit[], department?: string): Unit => ({ title, reports, department });
const team = (title: string, min: number, max: number, reports?: Unit[]): Unit => ({
  title,
  n: [min, max],
  reports,
});

/** The company: a CEO, department heads, managers and their teams, four or five levels deep. */
const COMPANY: Unit = one(
  'Chief Executive Officer',
  [
    team('Executive assistant', 1, 1),
    one(
      'Chief Financial Officer',
      [
        team('Finance controller', 3, 3, [team('Accountant', 6, 6)]),
        one('Treasury manager', [team('Treasury analyst', 3, 4)]),
        one('Payroll manager', [team('Payroll specialist', 3, 4)]),
        one('FP&A manager', [team('Financial analyst', 4, 5)]),
      ],
      'Finance',
    ),
    one('Head of internal audit', [team('Internal auditor', 3, 3)], 'Internal Audit'),
    one(
      'VP Sales',
      [
        team('Sales director', 3, 3, [team('Sales manager', 3, 3, [team('Sales rep', 8, 10)])]),
        one('Sales operations manager', [team('Sales operations analyst', 3, 4)]),
        one('Customer success manager', [team('Account manager', 10, 12)]),
      ],
      'Sales',
    ),
    one(
      'Chief Technology Officer',
      [
        team('Engineering director', 3, 3, [team('Engineering manager', 3, 3, [team('Engineer', 9, 11)])]),
        one('SRE manager', [team('Site reliability engineer', 6, 7)]),
        one('Data engineering manager', [team('Data engineer', 5, 6)]),
        one('QA manager', [team('QA engineer', 7, 9)]),
      ],
      'Engineering',
    ),
    one(
      'Head of customer support',
      [team('Support team lead', 5, 5, [team('Support agent', 11, 13)])],
      'Customer Support',
    ),
    one(
      'HR director',
      [
        team('HR partner', 5, 6),
        one('Talent acquisition manager', [team('Recruiter', 4, 5)]),
        one('HR operations manager', [team('HR operations specialist', 3, 3)]),
      ],
      'Human Resources',
    ),
    one('VP Marketing', [team('Marketing manager', 3, 3, [team('Marketing specialist', 7, 9)])], 'Marketing'),
    one(
      'Head of IT',
      [
        one('IT support manager', [team('IT support technician', 7, 8)]),
        team('IAM administrator', 2, 2),
        one('Security manager', [team('Security engineer', 4, 4)]),
      ],
      'IT',
    ),
    one(
      'Chief Operating Officer',
      [
        team('Operations manager', 4, 4, [team('Operations analyst', 11, 13)]),
        team('Logistics manager', 2, 2, [team('Logistics coordinator', 10, 12)]),
        one('Procurement manager', [team('Buyer', 5, 6)]),
      ],
      'Operations',
    ),
  ],
  'Executive',
);

/** Titles whose holders are now and then contractors (seed 002's policy reviews employees only). */
const CONTRACTED = new Set(['Engineer', 'QA engineer', 'Support agent', 'Logistics coordinator']);

const FIRST = [
  'Aisha',
  'Alex',
  'Amelia',
  'Ana',
  'Andrei',
  'Anna',
  'Arjun',
  'Ben',
  'Bianca',
  'Carlos',
  'Chen',
  'Chloe',
  'Clara',
  'Daniel',
  'David',
  'Elena',
  'Elif',
  'Emma',
  'Erik',
  'Fatima',
  'Felix',
  'Grace',
  'Hannah',
  'Hugo',
  'Ines',
  'Isaac',
  'Ivan',
  'Jack',
  'James',
  'Jana',
  'Jonas',
  'Julia',
  'Kai',
  'Kenji',
  'Laura',
  'Leila',
  'Leo',
  'Lina',
  'Lucas',
  'Maya',
  'Mei',
  'Mia',
  'Mohammed',
  'Nadia',
  'Nina',
  'Noah',
  'Olga',
  'Omar',
  'Oscar',
  'Paula',
  'Priya',
  'Rafael',
  'Rosa',
  'Sam',
  'Sara',
  'Sofia',
  'Tom',
  'Valentina',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Adams',
  'Almeida',
  'Andersen',
  'Bauer',
  'Becker',
  'Bernard',
  'Brown',
  'Castro',
  'Chen',
  'Costa',
  'Dubois',
  'Eriksson',
  'Fischer',
  'Garcia',
  'Green',
  'Haddad',
  'Hansen',
  'Hoffmann',
  'Ibrahim',
  'Ito',
  'Jansen',
  'Johnson',
  'Kaya',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lee',
  'Lindqvist',
  'Lopez',
  'Martin',
  'Meyer',
  'Moreau',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Patel',
  'Perez',
  'Petrov',
  'Popescu',
  'Rossi',
  'Santos',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Tanaka',
  'Taylor',
  'Torres',
  'Van Dijk',
  'Wagner',
  'Walker',
  'Wang',
  'Weber',
  'Wilson',
  'Wright',
  'Yilmaz',
  'Young',
  'Zhang',
];

export interface Person {
  key: string;
  displayName: string;
  first: string;
  last: string;
  email: string;
  managerKey: string | null;
  department: string;
  jobTitle: string;
  type: 'employee' | 'contractor';
  /** Whether anyone reports to them. */
  manager: boolean;
  depth: number;
}

/** The company's people, CEO first, each team after its manager; keys E1001… (the CEO is "CEO"). */
export function orgChart(random: Random): Person[] {
  const people: Person[] = [];
  const names = new Set<string>();
  const newName = (): [string, string] => {
    for (;;) {
      const [first, last] = [random.pick(FIRST), random.pick(LAST)];
      if (!names.has(`${first} ${last}`)) {
        names.add(`${first} ${last}`);
        return [first, last];
      }
    }
  };
  const place = (unit: Unit, manager: Person | null, department: string, depth: number) => {
    const [min, max] = unit.n ?? [1, 1];
    const count = random.int(min, max);
    for (let k = 0; k < count; k++) {
      const [first, last] = newName();
      const person: Person = {
        key: manager ? `E${1001 + people.length}` : 'CEO',
        displayName: `${first} ${last}`,
        first,
        last,
        email: `${first}.${last}`.toLowerCase().replace(/\s+/g, '') + '@northwind.example',
        managerKey: manager?.key ?? null,
        department: unit.department ?? department,
        jobTitle: unit.title,
        type: CONTRACTED.has(unit.title) && random.chance(0.12) ? 'contractor' : 'employee',
        manager: Boolean(unit.reports),
        depth,
      };
      people.push(person);
      for (const r of unit.reports ?? []) place(r, person, person.department, depth + 1);
    }
  };
  place(COMPANY, null, 'Executive', 1);
  return people;
}
