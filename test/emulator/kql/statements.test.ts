/** `let`, `declare query_parameters`, multiple statements and `print`. */
import { column, errorOf, run } from './run';

describe('statements', () => {
  it('let binds scalars used later, including in other lets', () => {
    const t = run(`let since = datetime(2026-11-20T10:00:00Z);
let window = 1h;
let until = since + window;
SecurityIncident
| where TimeGenerated between (since .. until)
| project TimeGenerated`);
    expect(column(t, 'TimeGenerated')).toEqual(['2026-11-20T10:00:00Z', '2026-11-20T10:15:00Z']);
  });

  it('let may name a tabular expression', () => {
    const t = run(`let latest = SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber;
let T = latest;
T | where Status == "Closed" | project IncidentNumber`);
    expect(t.rows).toEqual([[405300]]);
  });

  it('declare query_parameters takes the declared defaults', () => {
    const t = run(`declare query_parameters(incident:int = 405211, status:string = "Active", since:datetime = datetime(2026-11-20T10:00:00Z));
SecurityIncident
| where IncidentNumber == incident and Status == status and TimeGenerated >= since
| count`);
    expect(t.rows).toEqual([[2]]);
  });

  it('a query parameter keeps its declared type', () => {
    expect(run('declare query_parameters(n:int = 5); print n').columns[0].type).toBe('int');
    expect(errorOf('declare query_parameters(n:int = "5"); print n').message).toBe("Query parameter 'n' is declared int but its default is string");
    expect(errorOf('declare query_parameters(n:int); print n').kind).toBe('SemanticError');
  });

  it('a string parameter compares with the int column as a number with ==, and fails an ordering', () => {
    const t = run('declare query_parameters(n:string = "405211"); SecurityIncident | where IncidentNumber == n | distinct IncidentNumber');
    expect(t.rows).toEqual([[405211]]);
    const e = errorOf('declare query_parameters(n:string = "405211"); SecurityIncident | where IncidentNumber < n');
    expect(e.message).toBe('Cannot compare values of types int and string. Try adding explicit casts');
  });

  it('ignores empty statements and comments', () => {
    const t = run(`// the latest row of each incident
;; let x = 1; // trailing comment
print y = x + 1;`);
    expect(t.rows).toEqual([[2]]);
  });

  it('print names unnamed columns print_N', () => {
    const t = run('print 1, "a"');
    expect(t.columns).toEqual([{ name: 'print_0', type: 'long' }, { name: 'print_1', type: 'string' }]);
  });

  it('needs a tabular statement', () => {
    expect(errorOf('let x = 1;').message).toBe('The query has no tabular expression to return');
  });
});
