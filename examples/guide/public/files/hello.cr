# A Crystal hello world, sent by GET /file.cr as text/crystal.
puts "Hello World!"
