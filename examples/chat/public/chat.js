// The chat page: joins a room over ws /chat/:room and shows what the room says.
//
// The user's name is chosen on this page and sent with the join (?name=...), because the app has
// no sessions yet; a later version keeps the name in the session.
//
// Everything that came from a user (names, messages) goes into the page with textContent, never
// innerHTML, so "<script>" in a message is shown as text and never runs.
(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var socket = null;
  var myName = '';

  function status(text) {
    byId('status').textContent = text;
  }

  // One line in the list: an optional "name: " part and the text, both as plain text.
  function show(kind, name, text) {
    var item = document.createElement('li');
    item.className = kind;
    if (name !== null) {
      var who = document.createElement('span');
      who.className = 'name';
      who.textContent = name;
      item.appendChild(who);
      item.appendChild(document.createTextNode(': '));
    }
    var body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    item.appendChild(body);
    byId('messages').appendChild(item);
    item.scrollIntoView({ block: 'end' });
  }

  function onEvent(event) {
    switch (event.type) {
      case 'welcome':
        myName = event.name;
        status('In #' + event.room + ' as ' + event.name + (event.others.length
          ? '. Also here: ' + event.others.join(', ') : '. Nobody else is here yet.'));
        byId('say').hidden = false;
        byId('message').focus();
        break;
      case 'joined': show('notice', null, event.name + ' joined'); break;
      case 'left': show('notice', null, event.name + ' left'); break;
      case 'message': show('message', event.name, event.text); break;
    }
  }

  function join(name, room) {
    if (socket) socket.close();
    var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var url = scheme + '//' + location.host + '/chat/' + encodeURIComponent(room)
      + '?name=' + encodeURIComponent(name);
    var ws = new WebSocket(url);
    socket = ws;
    byId('messages').replaceChildren();
    byId('say').hidden = true;
    status('Joining #' + room + '...');
    ws.onmessage = function (message) { onEvent(JSON.parse(message.data)); };
    ws.onclose = function () {
      if (socket !== ws) return; // an older socket, replaced by a new join
      socket = null;
      byId('say').hidden = true;
      status('Disconnected. Join again to go on.');
    };
  }

  // Leaving the page leaves the room at once (a page kept in the back/forward cache would
  // otherwise keep its socket open).
  window.addEventListener('pagehide', function () {
    if (socket) socket.close(1000, 'left the page');
  });

  byId('join').addEventListener('submit', function (e) {
    e.preventDefault();
    join(byId('name').value.trim(), byId('room').value.trim());
  });

  byId('say').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = byId('message').value;
    if (!socket || socket.readyState !== WebSocket.OPEN || text.trim() === '') return;
    socket.send(text);
    show('mine', myName, text);
    byId('message').value = '';
  });
})();
