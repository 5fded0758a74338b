#!/usr/bin/env ruby
# frozen_string_literal: true

# Differential oracle for masthead: builds a Jekyll site with the real Jekyll
# library (and jekyll-redirect-from) and prints, as ONE JSON object on stdout,
# what Jekyll computed for every collection document.
#
# Usage:
#   TZ=UTC ruby tests/jekyll/dump.rb SITE_DIR
#
# The site is built twice, each time into a fresh temporary destination:
#
#   1. as configured (this is what a real `jekyll build` publishes), and
#   2. with `future: true, unpublished: true`, so that every document is read,
#      given a URL and an output path, and has its redirects generated.
#
# Output:
#   {
#     "jekyll": "4.3.1", "jekyll_redirect_from": "0.16.0",
#     "site": { "source", "timezone" (ENV["TZ"] during the build), "url", "baseurl", "permalink" },
#     "documents": [            # build 2, every document of every collection, sorted by path
#       { "path":          path relative to the site root ("_news/2021-11-22-x.md"),
#         "collection":    collection label,
#         "url":           doc.url,
#         "output":        doc.destination(dest) relative to dest, or null when the
#                          collection has `output: false`,
#         "date":          doc.date.iso8601, or null when the document has no date of
#                          its own (none in the filename, front matter or defaults:
#                          Jekyll then uses the build time),
#         "date_source":   "front_matter" | "filename" | "none",
#         "written":       true when build 1 wrote it (it was in site.docs_to_write),
#         "publishable":   true when build 1 read it and its publisher said yes (not
#                          unpublished, not in the future), whether or not the
#                          collection is written: equals "written" when it is,
#         "redirect_from": the normalised `from` paths jekyll-redirect-from generated
#                          for it in build 2, in order,
#         "redirect_to":   the normalised target jekyll-redirect-from generated for it
#                          in build 2 (as written into redirects.json), or null,
#         "read_error":    null, or the error Jekyll logged when it could not read
#                          the front matter (it then goes on with none) },
#       ...
#     ],
#     "static_files": [ { "path", "collection", "url", "output" } ],
#                          # files inside collection folders that Jekyll did NOT read
#                          # as documents (no front matter by its byte-level check)
#     "redirects": {       # build 1 (what is really published)
#       "json":  the contents of the generated redirects.json (or null),
#       "pages": [ { "from", "to", "output" } ]   # each redirect stub page
#     }
#   }
#
# ENV["TZ"] is used as given by the caller; a site's `timezone:` setting
# overrides it, exactly as in `jekyll build`. Nothing but the JSON object is
# printed on stdout (Jekyll's own logging goes to stderr). Nothing is written
# inside the site directory (the disk cache is disabled).

require "json"
require "pathname"
require "tmpdir"

# Keep stdout clean: everything printed while Jekyll runs goes to stderr.
JSON_OUT = $stdout.dup
$stdout.reopen($stderr)

require "jekyll"

site_arg = ARGV[0]
abort "usage: ruby #{File.basename(__FILE__)} SITE_DIR" if site_arg.nil? || ARGV.length != 1
SOURCE = File.expand_path(site_arg)
abort "dump.rb: not a directory: #{SOURCE}" unless File.directory?(SOURCE)
abort "dump.rb: no _config.yml in #{SOURCE}" unless File.file?(File.join(SOURCE, "_config.yml"))

Jekyll.logger.log_level = :error

# Records, per document, the redirect pages jekyll-redirect-from generates.
module RedirectRecorder
  class << self
    attr_accessor :froms, :tos

    def reset
      self.froms = {}.compare_by_identity
      self.tos = {}.compare_by_identity
    end

    def install
      return if @installed
      return unless defined?(JekyllRedirectFrom::RedirectPage)

      JekyllRedirectFrom::RedirectPage.singleton_class.prepend(Hooks)
      @installed = true
    end
  end

  # Prepended to JekyllRedirectFrom::RedirectPage's singleton class.
  module Hooks
    def redirect_from(doc, path)
      page = super
      (RedirectRecorder.froms[doc] ||= []) << page.redirect_from
      page
    end

    def redirect_to(doc, path)
      page = super
      RedirectRecorder.tos[doc] = page.redirect_to
      page
    end
  end
end
RedirectRecorder.reset

# Records documents whose front matter Jekyll could not read. Jekyll logs the
# error and carries on with an empty front matter, and then skips the
# filename-date and slug step too (it happens after the failing read).
module ReadErrorRecorder
  ERRORS = {}

  def handle_read_error(error)
    ERRORS[path] = "#{error.class}: #{error.message}"
    super
  end
end
Jekyll::Document.prepend(ReadErrorRecorder)

def relative(path, base)
  Pathname.new(path).relative_path_from(Pathname.new(base)).to_s
end

def build(dest, extra = {})
  overrides = {
    "source"             => SOURCE,
    "destination"        => dest,
    "quiet"              => true,
    "disable_disk_cache" => true,
    "incremental"        => false,
    "watch"              => false,
    "serving"            => false,
  }.merge(extra)
  config = Jekyll.configuration(overrides)
  Jekyll.logger.log_level = :error
  site = Jekyll::Site.new(config)
  RedirectRecorder.install
  RedirectRecorder.reset
  site.process
  site
end

# The front matter exactly as Jekyll's Document#read_content sees it.
def raw_front_matter(doc, site)
  content = File.read(doc.path, **Jekyll::Utils.merged_file_read_opts(site, {}))
  return {} unless content =~ Jekyll::Document::YAML_FRONT_MATTER_REGEXP

  data = Jekyll::Utils.safe_load_yaml(Regexp.last_match(1))
  data.is_a?(Hash) ? data : {}
rescue StandardError
  {}
end

def date_source(doc, site)
  return "none" if ReadErrorRecorder::ERRORS.key?(doc.path)

  front = raw_front_matter(doc, site)
  defaults = site.frontmatter_defaults.all(doc.relative_path, doc.type)
  if !front["date"].nil? || !defaults["date"].nil?
    "front_matter"
  elsif doc.relative_path.match?(Jekyll::Document::DATE_FILENAME_MATCHER)
    "filename"
  else
    "none"
  end
end

result = nil
Dir.mktmpdir("masthead-jekyll-") do |tmp|
  dest1 = File.join(tmp, "as-configured")
  dest2 = File.join(tmp, "everything")

  # Build 1: as configured.
  site1 = build(dest1)
  written = site1.docs_to_write
    .select { |d| d.is_a?(Jekyll::Document) }
    .map { |d| relative(d.path, site1.source) }
    .to_h { |p| [p, true] }
  # The publisher's verdict, whether or not the collection is written.
  publishable = site1.collections.each_value.flat_map(&:docs)
    .select { |d| site1.publisher.publish?(d) }
    .map { |d| relative(d.path, site1.source) }
    .to_h { |p| [p, true] }

  redirects_json_path = File.join(dest1, "redirects.json")
  redirects_json = File.file?(redirects_json_path) ? JSON.parse(File.read(redirects_json_path)) : nil
  stub_pages = site1.pages
    .select { |p| defined?(JekyllRedirectFrom::RedirectPage) && p.is_a?(JekyllRedirectFrom::RedirectPage) }
    .map { |p| { "from" => p.redirect_from, "to" => p.redirect_to, "output" => relative(p.destination(dest1), dest1) } }

  # Build 2: everything (future and unpublished documents too).
  site2 = build(dest2, "future" => true, "unpublished" => true)

  documents = []
  static_files = []
  site2.collections.each_value do |coll|
    coll.docs.each do |doc|
      source = date_source(doc, site2)
      path = relative(doc.path, site2.source)
      documents << {
        "path"          => path,
        "collection"    => coll.label,
        "url"           => doc.url,
        "output"        => coll.write? ? relative(doc.destination(dest2), dest2) : nil,
        "date"          => source == "none" ? nil : doc.date.iso8601,
        "date_source"   => source,
        "written"       => written.fetch(path, false),
        "publishable"   => publishable.fetch(path, false),
        "redirect_from" => RedirectRecorder.froms.fetch(doc, []),
        "redirect_to"   => RedirectRecorder.tos.fetch(doc, nil),
        "read_error"    => ReadErrorRecorder::ERRORS[doc.path],
      }
    end
    coll.files.each do |file|
      static_files << {
        "path"       => relative(file.path, site2.source),
        "collection" => coll.label,
        "url"        => file.url,
        "output"     => coll.write? ? relative(file.destination(dest2), dest2) : nil,
      }
    end
  end

  result = {
    "jekyll"               => Jekyll::VERSION,
    "jekyll_redirect_from" => (defined?(JekyllRedirectFrom::VERSION) ? JekyllRedirectFrom::VERSION : nil),
    "site"                 => {
      "source"    => SOURCE,
      "timezone"  => ENV["TZ"],
      "url"       => site2.config["url"],
      "baseurl"   => site2.config["baseurl"],
      "permalink" => site2.config["permalink"],
    },
    "documents"            => documents.sort_by { |d| d["path"] },
    "static_files"         => static_files.sort_by { |f| f["path"] },
    "redirects"            => {
      "json"  => redirects_json,
      "pages" => stub_pages.sort_by { |p| [p["from"], p["output"], p["to"].to_s] },
    },
  }
end

JSON_OUT.write(JSON.pretty_generate(result))
JSON_OUT.write("\n")
JSON_OUT.flush
