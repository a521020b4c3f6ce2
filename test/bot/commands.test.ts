import { normalize, parseCommand, type Command } from '../../src/bot/commands';

describe('parseCommand', () => {
  const rows: Array<[string, Command]> = [
    ['help', { kind: 'help' }],
    ['HELP!', { kind: 'help' }],
    ['what can you do?', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['cancel', { kind: 'cancel' }],
    ['Never mind', { kind: 'cancel' }],
    ['report', { kind: 'report' }],
    ['Report', { kind: 'report' }],
    ['report phishing email pretending to be the CEO', { kind: 'report', title: 'phishing email pretending to be the CEO' }],
    ['report: Weird USB stick in the lobby', { kind: 'report', title: 'Weird USB stick in the lobby' }],
    ['please report   Odd MFA prompts  ', { kind: 'report', title: 'Odd MFA prompts' }],
    ['show tasks for 405211', { kind: 'showTasks', incidentNumber: 405211 }],
    ['Show Tasks For #405211', { kind: 'showTasks', incidentNumber: 405211 }],
    ['tasks 405211', { kind: 'showTasks', incidentNumber: 405211 }],
    ['Could you show me the tasks of incident # 405211, please?', { kind: 'showTasks', incidentNumber: 405211 }],
    ['task status 405211', { kind: 'showTasks', incidentNumber: 405211 }],
    ['assign 405211 to me', { kind: 'assignToMe', incidentNumber: 405211 }],
    ['Assign #405211 to myself.', { kind: 'assignToMe', incidentNumber: 405211 }],
    ["I'll take 405211", { kind: 'assignToMe', incidentNumber: 405211 }],
    ['take 405211', { kind: 'assignToMe', incidentNumber: 405211 }],
    ['assign me 405211', { kind: 'assignToMe', incidentNumber: 405211 }],
    ['show 405211', { kind: 'showIncident', incidentNumber: 405211 }],
    ['status of 405211', { kind: 'showIncident', incidentNumber: 405211 }],
    ["what's the status of #405211?", { kind: 'showIncident', incidentNumber: 405211 }],
    ['incident 405211', { kind: 'showIncident', incidentNumber: 405211 }],
    ['405211', { kind: 'showIncident', incidentNumber: 405211 }],
    ['show tasks', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211' }],
    ['show tasks for abc', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211' }],
    ['assign to me', { kind: 'needsIncidentNumber', command: 'assignToMe', example: 'assign 405211 to me' }],
    ['show tasks for 1 and 2', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211', read: ['1', '2'], choices: ['show tasks for 1', 'show tasks for 2'] }],
    ['show tasks for 0', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211', read: ['0'] }],
    ['comment 0 hi', { kind: 'needsIncidentNumber', command: 'comment', example: 'comment 405211 Called the user', read: ['0'] }],
    ['comment 99999999999 hi', { kind: 'needsIncidentNumber', command: 'comment', example: 'comment 405211 Called the user', read: ['99999999999'] }],
    ['comment 4294967296 hi', { kind: 'needsIncidentNumber', command: 'comment', example: 'comment 405211 Called the user', read: ['4294967296'] }],
    ['add task check to 0', { kind: 'needsIncidentNumber', command: 'addTask', example: 'add task Call the manager to 405211', read: ['0'] }],
    ['add task x to 99999999999', { kind: 'needsIncidentNumber', command: 'addTask', example: 'add task Call the manager to 405211', read: ['99999999999'] }],
    ['complete task 1 of 000', { kind: 'needsIncidentNumber', command: 'completeTask', example: 'complete task 2 of 405211', read: ['000'] }],
    ['show tasks for 99999999999', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211', read: ['99999999999'] }],
    ['show tasks for -5', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211', read: ['-5'] }],
    ['my incidents', { kind: 'myIncidents' }],
    ['Show me my open incidents please', { kind: 'myIncidents' }],
    ["what's on my plate?", { kind: 'myIncidents' }],
    ['set severity of 405211 to high', { kind: 'setSeverity', incidentNumber: 405211, severity: 'High' }],
    ['change the severity of #405211 to Informational.', { kind: 'setSeverity', incidentNumber: 405211, severity: 'Informational' }],
    ['set 405211 severity low', { kind: 'setSeverity', incidentNumber: 405211, severity: 'Low' }],
    ['set severity of 405211', { kind: 'needsValue', field: 'severity', incidentNumber: 405211 }],
    ['set status of 405211 to active', { kind: 'setStatus', incidentNumber: 405211, status: 'Active' }],
    ['Set status of #405211 to New', { kind: 'setStatus', incidentNumber: 405211, status: 'New' }],
    ['reopen 405207', { kind: 'setStatus', incidentNumber: 405207, status: 'Active' }],
    ['set status of 405211 to closed', { kind: 'close', incidentNumber: 405211 }],
    ['close 405211', { kind: 'close', incidentNumber: 405211 }],
    ['Close incident #405211 please', { kind: 'close', incidentNumber: 405211 }],
    ['close', { kind: 'needsIncidentNumber', command: 'close', example: 'close 405211' }],
    ['comment 405211 Called the user, they confirm the sign-in.', { kind: 'comment', incidentNumber: 405211, text: 'Called the user, they confirm the sign-in.' }],
    ['Add a comment to #405211: Looks like a VPN exit node', { kind: 'comment', incidentNumber: 405211, text: 'Looks like a VPN exit node' }],
    ['comment 405211', { kind: 'comment', incidentNumber: 405211, text: '' }],
    ['complete task 2 of 405211', { kind: 'completeTask', incidentNumber: 405211, task: { index: 2 } }],
    ['complete task Remove the forwarding rule of 405211', { kind: 'completeTask', incidentNumber: 405211, task: { title: 'Remove the forwarding rule' } }],
    ['mark task "forwarding" on #405211 as done', { kind: 'completeTask', incidentNumber: 405211, task: { title: 'forwarding' } }],
    ['add task Call the user\'s manager to 405211', { kind: 'addTask', incidentNumber: 405211, title: "Call the user's manager" }],
    ['Add a new task: "Check MFA methods" to #405211', { kind: 'addTask', incidentNumber: 405211, title: 'Check MFA methods' }],
    ['task history for 405211', { kind: 'taskHistory', incidentNumber: 405211 }],
    ['history of the tasks of #405211?', { kind: 'taskHistory', incidentNumber: 405211 }],
    ['loose ends', { kind: 'looseEnds' }],
    ['any open tasks on closed incidents?', { kind: 'looseEnds' }],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['!!!', { kind: 'empty' }],
    ['good morning', { kind: 'empty' }],
    ['405211 | union SecurityAlert', { kind: 'unknown', text: '405211 | union SecurityAlert' }],
    ['show tasks for 405211" | take 1000 //', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211', read: ['405211', '1000'] }],
  ];

  it.each(rows)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('keeps the report title exactly as typed, including template-looking text', () => {
    expect(parseCommand('report ${title} {{x}} <b>hi</b>')).toEqual({ kind: 'report', title: '${title} {{x}} <b>hi</b>' });
  });

  it('never lets text reach a command as anything but a checked integer', () => {
    const cmd = parseCommand('show tasks for 405211 or 1==1');
    expect(cmd).toEqual({ kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211', read: ['405211', '1', '1'] });
  });
});

describe('normalize', () => {
  it('drops politeness, punctuation and "#"', () => {
    expect(normalize('Hey bot, could you please show #405211?!')).toBe('show 405211');
  });
});
