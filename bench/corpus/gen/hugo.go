package gen

// hugoConfig turns off everything praxis does not build (feeds, sitemap,
// taxonomies) and makes chroma write classes, as praxis does.
const hugoConfig = `baseURL = "/"
title = "Benchmark workbook"
languageCode = "en"
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]

[markup.highlight]
noClasses = false

[markup.goldmark.parser]
autoHeadingID = true
`

// hugoBase frames every page: a sidebar with the chapters and the current
// chapter's pages, like praxis's navigation.
const hugoBase = `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<nav class="sidebar" aria-label="Chapters">
<a class="home" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<ol>
{{- $current := .CurrentSection }}
{{- $sections := .Site.Home.Sections }}
{{- $n := len $sections }}
{{- /* Above 60 chapters, the 25 around the current one, as praxis does. */}}
{{- $at := 0 }}
{{- range $i, $s := $sections }}{{ if eq $s $current }}{{ $at = $i }}{{ end }}{{ end }}
{{- $lo := 0 }}
{{- $hi := $n }}
{{- if gt $n 60 }}
{{- $lo = sub $at 12 }}
{{- if lt $lo 0 }}{{ $lo = 0 }}{{ end }}
{{- if gt $lo (sub $n 25) }}{{ $lo = sub $n 25 }}{{ end }}
{{- $hi = add $lo 25 }}
{{- end }}
{{- range $i, $s := $sections }}
{{- if and (ge $i $lo) (lt $i $hi) }}
<li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="true"{{ end }}>{{ .Title }}</a>
{{- if eq . $current }}
<ol>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ol>
{{- end }}
</li>
{{- end }}
{{- end }}
{{- if gt $n 60 }}
<li><a href="{{ $.Site.Home.RelPermalink }}">All {{ $n }} chapters</a></li>
{{- end }}
</ol>
</nav>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
<nav class="pager">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}
</nav>
{{ end }}
`

const hugoList = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol class="contents">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} {{ . }}{{ end }}</li>
{{- end }}
</ol>
</article>
{{ with .Pages }}<nav class="pager"><a rel="next" href="{{ (index . 0).RelPermalink }}">{{ (index . 0).Title }} →</a></nav>{{ end }}
{{ end }}
`

const hugoStyle = `body { display: flex; font-family: sans-serif; margin: 0; }
.sidebar { width: 16rem; padding: 1rem; }
main { max-width: 42rem; padding: 1rem; }
blockquote { border-left: 3px solid #888; margin-left: 0; padding-left: 1rem; }
`

// hugoSkeleton is the configuration, layouts and stylesheet of the Hugo
// site.
func hugoSkeleton() []File {
	return []File{
		{"hugo.toml", []byte(hugoConfig)},
		{"layouts/_default/baseof.html", []byte(hugoBase)},
		{"layouts/_default/single.html", []byte(hugoSingle)},
		{"layouts/_default/list.html", []byte(hugoList)},
		{"static/style.css", []byte(hugoStyle)},
	}
}
