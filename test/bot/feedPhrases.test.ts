import { parseCommand } from '../../src/bot/commands';

describe('the feed commands as people say them', () => {
  it.each([
    ['watch high incidents', 'high incidents'],
    ['<at>Sentinel</at> subscribe this channel to high severity incidents', 'high severity incidents'],
    ['follow new incidents', 'new incidents'],
    ['notify us about high and medium incidents', 'high and medium incidents'],
    ['watch incidents with severity high', 'incidents with severity high'],
    ['keep us posted on high incidents', 'high incidents'],
    ['post new incidents here', 'new incidents'],
    ['wacth incidents', 'incidents'],
    ['watch high incidnets', 'high incidents'],
    ['watch hihg incidents', 'hihg incidents'],
    ['subscribe', ''],
  ])('"%s" watches, filter text "%s"', (text, filterText) => {
    expect(parseCommand(text)).toEqual({ kind: 'watch', filterText });
  });

  it.each(['unwatch', 'stop watching', 'stop posting incidents here', 'stop the feed', 'unsubscribe', 'unwtach', 'turn off the feed', 'stop notifying us', 'dont post incidents here'])('"%s" stops watching', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'unwatch' });
  });

  it.each(['what are you watching?', 'what are you wathcing?', 'are you watching?', 'what is this channel subscribed to?', 'what do you watch here'])('"%s" asks what is watched', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'watching' });
  });

  it.each([
    ['stop', 'cancel'],
    ['follow up on 405211', 'unknown'],
    ['notify me about incident 405211', 'unknown'],
    ['show tasks for 405211', 'showTasks'],
  ])('"%s" is not the feed', (text, kind) => {
    expect(parseCommand(text).kind).toBe(kind);
  });
});
